import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("keeps data where the command was typed: relative paths resolve against npm's INIT_CWD", () => {
    const checkout = resolve("/srv/tsumugi");
    expect(loadConfig({ INIT_CWD: checkout }).dataDir).toBe(join(checkout, "data"));
    expect(loadConfig({ INIT_CWD: checkout, DATA_DIR: "var/db" }).dataDir).toBe(join(checkout, "var/db"));
    expect(loadConfig({ INIT_CWD: checkout, DATA_DIR: "/data/tsumugi" }).dataDir).toBe(
      resolve("/data/tsumugi"),
    );
    expect(loadConfig({}).dataDir).toBe(resolve("data"));
  });

  it("reads the documented defaults", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe("http://localhost:3000");
    expect(c.seedDemo).toBe(true);
    expect(c.collab.maxMessageBytes).toBe(4 * 1024 * 1024);
  });

  it("refuses malformed values with the variable's name", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ SEED_DEMO: "maybe" })).toThrow(/SEED_DEMO/);
    expect(() => loadConfig({ PUBLIC_URL: "ftp://x" })).toThrow(/PUBLIC_URL/);
  });
});
