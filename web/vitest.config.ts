import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Pure helpers of the web client (no DOM): printed amounts and the like.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: { name: 'web', include: ['src/**/*.test.ts'], environment: 'node' },
});
