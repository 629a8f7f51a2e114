/** Seeds the demo workspace on first start. */
import type { AppContext } from "../context.js";

export interface DemoSeed {
  workspaceName: string;
  logins: { label: string; email: string; password: string }[];
}

export async function seedDemo(_ctx: AppContext): Promise<DemoSeed | null> {
  return null;
}
