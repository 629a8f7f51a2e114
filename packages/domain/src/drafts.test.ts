import { describe, expect, it } from "vitest";
import type { Actor } from "./policy.js";
import { canMoveDraft } from "./policy.js";

const doc = { workspaceId: "w", groupId: "g1" };
const actor = (role: Actor["role"], groupIds: string[] = []): Actor => ({ userId: "u", role, groupIds });

describe("draft workflow", () => {
  it("lets the group send its draft to review, and only the secretariat approve and publish", () => {
    expect(canMoveDraft(actor("member", ["g1"]), doc, "drafting", "reviewing")).toBe(true);
    expect(canMoveDraft(actor("member", ["g2"]), doc, "drafting", "reviewing")).toBe(false);
    expect(canMoveDraft(actor("observer", ["g1"]), doc, "drafting", "reviewing")).toBe(false);
    expect(canMoveDraft(actor("member", ["g1"]), doc, "reviewing", "approved")).toBe(false);
    expect(canMoveDraft(actor("secretariat"), doc, "reviewing", "approved")).toBe(true);
    expect(canMoveDraft(actor("secretariat"), doc, "reviewing", "drafting")).toBe(true);
    expect(canMoveDraft(actor("secretariat"), doc, "approved", "published")).toBe(true);
    expect(canMoveDraft(actor("secretariat"), doc, "published", "approved")).toBe(true);
    expect(canMoveDraft(actor("secretariat"), doc, "drafting", "published")).toBe(false);
    expect(canMoveDraft(actor("secretariat"), doc, "approved", "drafting")).toBe(false);
  });
});
