import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // The page runs the server's pure domain rules (server/src/domain) for instant feedback.
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' }, fs: { allow: ['..'] } },
  build: { outDir: 'dist', chunkSizeWarningLimit: 2500 },
});
