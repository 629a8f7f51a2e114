import { describe, expect, it } from "vitest";
import { SingleFlight } from "./single-flight.js";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("SingleFlight", () => {
  it("runs one lookup for callers asking for the same key at the same time", async () => {
    const flights = new SingleFlight<string>();
    const answer = deferred<string>();
    let calls = 0;
    const lookup = () => {
      calls++;
      return answer.promise;
    };
    const asked = [flights.run("a", lookup), flights.run("a", lookup), flights.run("a", lookup)];
    expect(calls).toBe(1);
    answer.resolve("row");
    expect(await Promise.all(asked)).toEqual(["row", "row", "row"]);
    expect(flights.size).toBe(0);
  });

  it("keeps different keys apart", async () => {
    const flights = new SingleFlight<string>();
    const [a, b] = await Promise.all([
      flights.run("a", async () => "for a"),
      flights.run("b", async () => "for b"),
    ]);
    expect([a, b]).toEqual(["for a", "for b"]);
  });

  it("asks again once the answer has settled", async () => {
    const flights = new SingleFlight<number>();
    let calls = 0;
    const lookup = async () => ++calls;
    expect(await flights.run("k", lookup)).toBe(1);
    expect(await flights.run("k", lookup)).toBe(2);
  });

  it("gives every waiting caller the failure and does not keep it", async () => {
    const flights = new SingleFlight<string>();
    const answer = deferred<string>();
    const asked = [flights.run("k", () => answer.promise), flights.run("k", () => answer.promise)];
    answer.reject(new Error("database is locked"));
    for (const p of asked) await expect(p).rejects.toThrow("database is locked");
    expect(flights.size).toBe(0);
    expect(await flights.run("k", async () => "fresh")).toBe("fresh");
  });
});
