/**
 * The gradients the widgets differentiate through. `@tensorflow/tfjs-core` alone registers none
 * (`tf.grad` would fail with "gradient function not found"), and registering all of them would
 * ship every gradient in the library; these are the ones the widgets use: activations and
 * backpropagation, then the training widgets (matMul, mean and sum, the stable cross-entropy's
 * abs/neg/exp/log1p). Imported only by the runtime loader and by the unit tests.
 */
import type { GradConfig } from '@tensorflow/tfjs-core';
import { absGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Abs_grad';
import { addGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Add_grad';
import { batchMatMulGradConfig } from '@tensorflow/tfjs-core/dist/gradients/BatchMatMul_grad';
import { expGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Exp_grad';
import { logSoftmaxGradConfig } from '@tensorflow/tfjs-core/dist/gradients/LogSoftmax_grad';
import { log1pGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Log1p_grad';
import { meanGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Mean_grad';
import { negGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Neg_grad';
import { sumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sum_grad';
import { erfGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Erf_grad';
import { multiplyGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Multiply_grad';
import { reluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Relu_grad';
import { seluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Selu_grad';
import { sigmoidGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sigmoid_grad';
import { squareGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Square_grad';
import { subGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sub_grad';
import { tanhGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Tanh_grad';
import type { Tf } from './backend';

export const WIDGET_GRADIENTS: readonly GradConfig[] = [
  addGradConfig,
  subGradConfig,
  multiplyGradConfig,
  squareGradConfig,
  reluGradConfig,
  seluGradConfig,
  erfGradConfig,
  tanhGradConfig,
  sigmoidGradConfig,
  batchMatMulGradConfig,
  meanGradConfig,
  sumGradConfig,
  absGradConfig,
  negGradConfig,
  expGradConfig,
  log1pGradConfig,
  logSoftmaxGradConfig,
];

/** Registers each gradient once (re-registering would log a warning). */
export function registerWidgetGradients(tf: Pick<Tf, 'getGradient' | 'registerGradient'>): void {
  for (const config of WIDGET_GRADIENTS) {
    if (tf.getGradient(config.kernelName) == null) tf.registerGradient(config);
  }
}
