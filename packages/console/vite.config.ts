import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API to a running gateway (GATEWAY_URL, default http://localhost:4000),
// so the browser talks to one origin in development as it does behind the gateway.
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';

/**
 * Writes `<file>.br` and `<file>.gz` next to every text file of the build, compressed once at the
 * best level; the gateway serves them to clients that accept them (gateway/src/console.ts).
 */
function precompress(): Plugin {
  return {
    name: 'pdo-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
      for (const file of walk('dist')) {
        if (!/\.(js|css|html|svg|json|ttf)$/.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  base: '/console/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Content-Security-Policy is default-src 'self': no data: URIs, no inline scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    // Two pages: the console, and the GraphiQL explorer the gateway serves at GET /graphql.
    rollupOptions: { input: { main: 'index.html', explorer: 'explorer.html' } },
  },
  worker: { format: 'es' },
  server: {
    port: Number(process.env.CONSOLE_PORT ?? 5173),
    proxy: {
      '/graphql': { target: gateway, changeOrigin: true },
      '/schema.graphql': { target: gateway, changeOrigin: true },
      '/console/dev-users': { target: gateway, changeOrigin: true },
      '/console/dev-token': { target: gateway, changeOrigin: true },
    },
  },
});
