import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AuditEntry } from "@tsumugi/contract";
import { AUDIT_EVENT_KINDS, AUDIT_KINDS } from "@tsumugi/domain";
import { describe, expect, it } from "vitest";
import { hasMessage } from "../i18n/t";
import { auditDetailParts, auditEventLabel, auditTargetText } from "./audit-text";

const serverSrc = fileURLToPath(new URL("../../../server/src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

/**
 * Every event name the server passes to the audit log: the `event:` of each record() call and
 * the event (second argument) of each byCaller() call.
 */
function recordedEvents(): Set<string> {
  const events = new Set<string>();
  for (const file of sourceFiles(serverSrc)) {
    const text = readFileSync(file, "utf8");
    const expressions = [
      ...[...text.matchAll(/\.record\(\{([\s\S]*?)\}\)/g)].map(
        (call) => /event:\s*([^,\n]+)/.exec(call[1])?.[1],
      ),
      ...[...text.matchAll(/\.byCaller\(\s*[\w.]+\s*,\s*([^,]+),/g)].map((call) => call[1]),
    ];
    for (const event of expressions) {
      if (!event) continue;
      // The names an expression can give (`"a.b"`, `x ? "a.b" : "a.c"`), not the values it
      // compares with (`status === "applied" ? …`).
      for (const literal of event.matchAll(/"([^"]+)"/g)) {
        const before = event.slice(0, literal.index).trimEnd();
        if (!/[=!]==?$/.test(before)) events.add(literal[1]);
      }
    }
  }
  return events;
}

describe("the audit event catalogue", () => {
  const recorded = recordedEvents();

  it("finds the events the server records", () => {
    // Sanity: the grep sees the calls (logins, group membership chosen by a ternary …).
    expect(recorded.size).toBeGreaterThanOrEqual(30);
    expect(recorded).toContain("login.success");
    expect(recorded).toContain("group.member_removed");
    expect(recorded).toContain("member.enabled");
  });

  it("has a kind and a Japanese label for every event the server records", () => {
    const missing = [...recorded].filter(
      (e) => !Object.hasOwn(AUDIT_EVENT_KINDS, e) || !hasMessage(`auditEvent.${e}`),
    );
    expect(missing).toEqual([]);
  });

  it("labels every event and kind of the catalogue, in Japanese", () => {
    for (const event of Object.keys(AUDIT_EVENT_KINDS)) {
      expect(hasMessage(`auditEvent.${event}`), event).toBe(true);
      expect(auditEventLabel(event)).toMatch(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u);
    }
    for (const kind of AUDIT_KINDS) expect(hasMessage(`auditKind.${kind}`), kind).toBe(true);
  });
});

const entry = (e: Partial<AuditEntry> & { event: string }): AuditEntry => ({
  id: 1,
  at: 0,
  workspaceId: "w1",
  actorUserId: "u1",
  actorName: "高橋 美和",
  target: null,
  targetKind: null,
  targetName: null,
  ip: null,
  detail: {},
  names: {},
  ...e,
});

describe("audit entries in words", () => {
  it("says who, what and how without codes or ids", () => {
    const role = entry({
      event: "member.role_changed",
      target: "u2",
      targetKind: "user",
      targetName: "佐藤 健",
      detail: { from: "member", to: "secretariat" },
    });
    expect(auditEventLabel(role.event)).toBe("役割を変更");
    expect(auditTargetText(role)).toBe("佐藤 健");
    expect(auditDetailParts(role)).toEqual(["委員 から 事務局 に"]);

    const invite = entry({
      event: "invite.created",
      target: "i1",
      targetKind: "invite",
      targetName: "nurse@example.jp",
      detail: { email: "nurse@example.jp", role: "member", groupIds: ["g1", "g2"] },
      names: { g1: "病診施連携班" },
    });
    expect(auditDetailParts(invite)).toEqual(["役割：委員", "グループ：病診施連携班、（削除済み）"]);

    const meeting = entry({
      event: "meeting.state_changed",
      target: "m1",
      targetKind: "meeting",
      targetName: "令和5年度 第2回 連携会議",
      detail: { from: "published", to: "inProgress" },
    });
    expect(auditDetailParts(meeting)).toEqual(["公開 から 開催中 に"]);

    const failure = entry({
      event: "login.failure",
      actorUserId: null,
      actorName: null,
      detail: { email: "x@example.jp", reason: "password" },
    });
    expect(auditDetailParts(failure)).toEqual(["メールアドレス：x@example.jp", "パスワードの誤り"]);

    const refused = entry({
      event: "access.refused",
      target: "/api/workspaces/w1/audit",
      targetKind: "path",
      targetName: "/api/workspaces/w1/audit",
      detail: { method: "GET", code: "forbidden" },
    });
    expect(auditTargetText(refused)).toBe("要求：GET /api/workspaces/w1/audit");
    expect(auditDetailParts(refused)).toEqual(["この操作を行う権限がありません。"]);

    const gone = entry({
      event: "document.created",
      target: "doc-1",
      targetKind: "document",
      targetName: null,
    });
    expect(auditTargetText(gone)).toBe("（削除済み）");
  });
});
