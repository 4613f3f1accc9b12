import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";
import solid from "vite-plugin-solid";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  // Each script and style sheet beside its brotli and gzip forms, which the server sends.
  plugins: [solid(), compression({ algorithms: ["brotliCompress", "gzip"] })],
  resolve: {
    alias: {
      // simple-peer's own browser bundle carries the Node built-ins it needs (Buffer,
      // streams), so the app needs no polyfills.
      "simple-peer": "simple-peer/simplepeer.min.js",
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `npm run dev -w client` next to `npm run serve`: the app from Vite, the rest proxied.
    proxy: {
      "/socket.io": { target: "http://localhost:8080", ws: true },
      "/samples": "http://localhost:8080",
    },
  },
});
