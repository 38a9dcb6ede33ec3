import type { Level } from './taxonomy';

/** What each level means, after the guide's own characterisation; prose written for this site. */
export interface LevelSummary {
  /** One line for the overview map. */
  tagline: string;
  data: string;
  models: string;
  /** The level page's introduction, one paragraph per entry. */
  introduction: string[];
}

export const LEVEL_SUMMARIES: Record<Level, LevelSummary> = {
  entry: {
    tagline: 'Learn the basics on data that fits in memory and models you can train at home.',
    data: 'Small sets that fit in memory, such as MNIST or IMDB reviews (about 1 GB).',
    models: 'Around a million parameters.',
    introduction: [
      'The entry level is where the vocabulary of deep learning is learnt. Datasets are small enough to load completely into memory, so the work is about understanding, not engineering: how images, audio, time series and text become arrays of numbers, how a model is fitted, and how to tell whether it is any good.',
      'Classic machine learning comes first for a reason: regression, clustering and support vector machines teach what fitting, overfitting and evaluation mean on problems you can still reason about by hand. Then come dense, convolutional and recurrent networks, with the mathematics they rest on: notation, matrix operations and convolution.',
      'Just as important are the habits: knowing your tools and their documentation, analysing data before modelling it, saving models and using callbacks.',
    ],
  },
  intermediate: {
    tagline: 'Build your own projects, with datasets of several gigabytes and models of a hundred million parameters.',
    data: 'Several gigabytes (CIFAR, about 10 GB): fast loading, normalisation, augmentation, custom pipelines.',
    models: 'Around 100 to 200 million parameters; faster or more hardware may be needed.',
    introduction: [
      'At the intermediate level tutorials give way to your own projects, in every domain: images, audio, time series and text. Datasets no longer fit comfortably in memory, so data handling becomes real work: generators, pipelines, augmentation and normalisation, and collecting data of your own.',
      'The networks grow too. You meet advanced and custom layers, language models, generative and Siamese networks, and the training techniques that make large models practical: transfer learning, fine-tuning, embeddings, custom training loops, several GPUs, the cloud and TPUs.',
      'Underneath, the theory deepens: backpropagation, activation functions, optimisers, losses and metrics, and the common problems of training. Version control, experiment tracking and contributing to open-source projects turn experiments into reliable work.',
    ],
  },
  advanced: {
    tagline: 'Train at scale, as a team: hundreds of gigabytes and up to a billion parameters.',
    data: 'Hundreds of gigabytes (ImageNet, The Pile, People’s Speech), distributed pipelines, multi-modal data.',
    models: 'Up to about a billion parameters: teamwork and efficient code become necessary.',
    introduction: [
      'The advanced level is about scale. Datasets of hundreds of gigabytes need distributed input pipelines; models approaching a billion parameters need distributed, mixed-precision and model-parallel training on many workers or TPUs, and code efficient enough not to waste them.',
      'Training is steered with care: learning-rate schedules, advanced optimisers with weight decay and averaging, and tracking tools such as TensorBoard or Weights & Biases. Reinforcement learning opens a different way of learning altogether, and deployment takes models out of notebooks and into use.',
      'Work at this level is rarely done alone. Teamwork, reading papers and keeping up with a fast field are skills in their own right.',
    ],
  },
  expert: {
    tagline: 'Push the field: research, trillion-parameter systems and work beyond computer science.',
    data: 'Pipelines that run on the accelerator itself (CUDA, JAX) when preprocessing is the bottleneck.',
    models: 'Up to about a trillion parameters.',
    introduction: [
      'The expert level is where people extend the field rather than apply it. Data pipelines move onto the accelerator when preprocessing becomes the bottleneck, and models reach around a trillion parameters, built by teams.',
      'The theory reaches outwards: graph neural networks, evolutionary algorithms, quantum deep learning, open-endedness, the universal approximation theorem, and the sciences where deep learning is now a tool, from physics to biology.',
      'Much of the work is research: understanding and implementing papers, doing research of your own, teaching others, and using what you know to contribute to society.',
    ],
  },
};
