import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./app/App";
import { Deferred } from "./app/lazy";
import "./app/styles.css";
import "./app/accessibility.css";
import "./app/phone.css";
import { registerServiceWorker } from "./offline/register-service-worker";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        {/* For the screens outside the app's frame (an invitation); the frame has its own. */}
        <Deferred>
          <App />
        </Deferred>
      </BrowserRouter>
    </StrictMode>,
  );
}
registerServiceWorker();
