import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";
import { VitePWA } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";

/** The signaling server `npm run dev` runs beside Vite's. */
const DEV_SERVER = process.env.NICEPIANO_DEV_SERVER ?? "http://127.0.0.1:8080";

/** Paths the server answers itself: never the app shell, never cached by the worker. */
const SERVER_PATHS = [
  /^\/api\//,
  /^\/socket\.io\//,
  /^\/samples\//,
  /^\/metrics/,
  /^\/healthz/,
  /^\/readyz/,
];

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [
    solid(),
    // Each script and style sheet beside its brotli and gzip forms, which the server sends.
    compression({ algorithms: ["brotliCompress", "gzip"] }),
    // A service worker (Workbox): the app shell precached as one versioned set. A new
    // version waits until the page takes it (the "new version" banner), so a page never
    // runs old and new files together. The samples the page keeps in Cache Storage itself
    // (audio/piano/sampleCache.ts).
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      manifest: {
        name: "NicePiano",
        short_name: "NicePiano",
        description: "Play one piano together over the internet, in real time.",
        start_url: "/",
        display: "standalone",
        background_color: "#16181d",
        theme_color: "#16181d",
        icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: SERVER_PATHS,
        cleanupOutdatedCaches: true,
        // The first worker takes the page that installed it (it works offline from then
        // on); a later version waits for the page (no skipWaiting).
        clientsClaim: true,
      },
    }),
  ],
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
    // `npm run dev` (scripts/dev.ts): the app from Vite, what the server answers proxied.
    proxy: Object.fromEntries(
      ["/api", "/socket.io", "/samples", "/healthz", "/readyz", "/metrics"].map((path) => [
        path,
        { target: DEV_SERVER, ws: path === "/socket.io" },
      ]),
    ),
  },
});
