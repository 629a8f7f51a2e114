/** Entry point: `npm start`. Prints the URL and, on first start, the demo logins. */
import { ConfigError, loadConfig } from "./config.js";
import { startServer } from "./server.js";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const server = await startServer(config);
  console.log(`\nTsumugi (紡ぎ) is running: ${server.url}`);
  console.log(`Data: ${config.dataDir}`);
  if (server.personalDataKeyGenerated) {
    console.log(
      `Personal data key generated (個人情報の暗号鍵を作成しました): ${server.personalDataKeyGenerated}`,
    );
    console.log("Keep a copy apart from the backups; in production set PERSONAL_DATA_KEY_FILE (README).");
  }
  if (server.seeded) {
    const note = server.seeded.created ? "" : " (パスワードを変更した場合は変更後のもの / unless changed)";
    console.log(`\nデモの自治体 / demo workspace: ${server.seeded.workspaceName}${note}`);
    for (const login of server.seeded.logins) {
      console.log(`  ${login.label.padEnd(14)} ${login.email.padEnd(32)} ${login.password}`);
    }
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: flushing documents and closing…`);
    await server.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
