import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API to a running gateway (GATEWAY_URL, default http://localhost:4000),
// so the browser talks to one origin in development as it does behind the gateway.
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Content-Security-Policy is default-src 'self': no data: URIs, no inline scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    port: Number(process.env.CONSOLE_PORT ?? 5173),
    proxy: {
      '/graphql': { target: gateway, changeOrigin: true },
      '/console/dev-users': { target: gateway, changeOrigin: true },
      '/console/dev-token': { target: gateway, changeOrigin: true },
    },
  },
});
