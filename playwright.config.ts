import { defineConfig } from '@playwright/test';

// PORT lets a second checkout or a CI sandbox run beside a server already on 4321.
const port = Number(process.env.PORT ?? 4321);
// The system Chromium: Playwright never downloads a browser here.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath, args },
  },
  projects: [
    // Everything; here Chromium offers no WebGPU adapter, so the widgets fall back to WebGL.
    { name: 'chromium' },
    // The widgets again with WebGPU on (a SwiftShader adapter on a machine without a GPU).
    {
      name: 'webgpu',
      testMatch: /widgets(-training)?\.spec\.ts/,
      use: { launchOptions: { executablePath, args: [...args, '--enable-unsafe-webgpu'] } },
    },
  ],
  webServer: {
    command: `npx astro preview --host 127.0.0.1 --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
