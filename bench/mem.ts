import { readFileSync } from "node:fs";
import { BenchClient } from "./clients.js";
import { rssMiB } from "./process-stats.js";
import { collectGarbage, startOurs, startReference } from "./servers.js";

function smaps(pid: number) {
  const s = readFileSync(`/proc/${pid}/status`, "utf8");
  return Object.fromEntries(
    ["VmRSS", "RssAnon", "RssFile", "RssShmem"].map((k) => [
      k,
      Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1]) / 1024,
    ]),
  );
}
for (const start of [() => startReference({ documents: 300 }), () => startOurs({ documents: 300 })]) {
  const s = await start();
  await collectGarbage(s);
  const before = smaps(s.pid);
  const clients: BenchClient[] = [];
  for (const n of s.docNames) for (let i = 0; i < 3; i++) clients.push(new BenchClient(s, n, null));
  await Promise.all(clients.map((c) => c.synced()));
  await new Promise((r) => setTimeout(r, 2000));
  await collectGarbage(s);
  await collectGarbage(s);
  const after = smaps(s.pid);
  console.log(s.name, JSON.stringify(before), JSON.stringify(after));
  for (const c of clients) c.destroy();
  await s.stop();
}
process.exit(0);
