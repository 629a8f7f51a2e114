import { describe, expect, it } from "vitest";
import {
  japanLocalDateTime,
  type RegistrationFacts,
  registrationState,
  takesRegistrations,
} from "./registration.js";

const base: RegistrationFacts = {
  status: "planned",
  registrationOpen: true,
  registrationClosesAt: null,
  startsAt: "2026-06-10T14:00",
  capacity: 2,
  waitingList: true,
  registered: 0,
};
// 2026-06-01 09:00 in Japan.
const now = Date.UTC(2026, 5, 1, 0, 0);

describe("registrationState", () => {
  it("reads Japan's clock whatever the machine's zone", () => {
    expect(japanLocalDateTime(now)).toBe("2026-06-01T09:00");
  });

  it("is open while there is a place, then offers the waiting list, or is full without one", () => {
    expect(registrationState(base, now)).toBe("open");
    expect(registrationState({ ...base, registered: 2 }, now)).toBe("waitingList");
    expect(registrationState({ ...base, registered: 2, waitingList: false }, now)).toBe("full");
    expect(registrationState({ ...base, capacity: null, registered: 500 }, now)).toBe("open");
    expect(takesRegistrations("waitingList")).toBe(true);
    expect(takesRegistrations("full")).toBe(false);
  });

  it("closes by hand, at the closing time (to the minute) and when the event starts", () => {
    expect(registrationState({ ...base, registrationOpen: false }, now)).toBe("notOpen");
    expect(registrationState({ ...base, registrationClosesAt: "2026-06-01T09:01" }, now)).toBe("open");
    expect(registrationState({ ...base, registrationClosesAt: "2026-06-01T09:00" }, now)).toBe(
      "closedByDate",
    );
    expect(registrationState({ ...base, startsAt: "2026-06-01T09:00" }, now)).toBe("started");
    expect(registrationState({ ...base, status: "held" }, now)).toBe("started");
    expect(registrationState({ ...base, status: "cancelled" }, now)).toBe("cancelled");
  });
});
