import { defineConfig } from 'vite';

// Preact through the automatic JSX runtime; the gateway serves dist/ at / (hashed files under /assets/).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
});
