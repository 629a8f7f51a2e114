import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";
import { serviceWorker } from "./vite-plugins/service-worker";

/** The Excel/CSV reader: large and rarely used, so fetched (and cached) only when used. */
const ON_DEMAND = /[\\/](packages[\\/]plan-io|node_modules[\\/](exceljs|papaparse))[\\/]/;

// `npm run dev -w @tsumugi/web` serves the app with hot reload and forwards the API and the
// collab socket to a server on port 3000 (start it with ALLOWED_ORIGINS=http://localhost:5173).
export default defineConfig({
  plugins: [
    react(),
    serviceWorker(fileURLToPath(new URL("./src/offline/service-worker.js", import.meta.url)), {
      onDemand: (id) => ON_DEMAND.test(id),
    }),
    // Brotli and gzip copies beside each file (`x.js.br`, `x.js.gz`), which the server sends
    // to browsers that accept them (apps/server/src/http/static-web.ts).
    compression({
      algorithms: ["brotliCompress", "gzip"],
      include: /\.(html|js|mjs|css|json|svg|txt|webmanifest)$/,
      threshold: 1024,
      logLevel: "silent",
    }),
  ],
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      // Published drafts' public pages are rendered by the server.
      "/p/": "http://localhost:3000",
      "/collab": { target: "ws://localhost:3000", ws: true },
    },
  },
  build: {
    chunkSizeWarningLimit: 1500,
    // The server reads the public directory page's script and styles from the manifest.
    manifest: true,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL("./index.html", import.meta.url)),
        // The public directory's map (apps/server/src/resources/public-directory-page.ts).
        "public-directory": fileURLToPath(new URL("./src/public/public-directory.ts", import.meta.url)),
      },
      output: {
        codeSplitting: {
          // Yjs and its providers in a chunk of their own: left to itself, the bundler may merge
          // them into a small shared chunk of the domain that the home page imports.
          groups: [
            {
              name: "yjs",
              test: /[\\/]node_modules[\\/](yjs|lib0|y-protocols|y-websocket|y-indexeddb)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
