import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { env } from '../vitest.config.ts';

// Mutation testing of the pure rules: the unit tests of src/domain alone (see docs/testing.md).
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: { include: ['src/domain/**/*.test.ts'], env },
});
