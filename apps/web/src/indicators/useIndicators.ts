/**
 * The workspace's indicators, values and population bases, kept current: an event stream
 * from the server says when someone entered a value, and the data is fetched again, so every
 * chart follows without a reload.
 */
import type { Indicator, IndicatorListing, IndicatorValue as Value } from "@tsumugi/contract";
import type { Population } from "@tsumugi/domain";
import { useCallback, useEffect, useState } from "react";
import { indicatorsApi } from "./indicators-api";

/** A definition with what the person may do with it (`abilities.enterValues`). */
export type IndicatorInfo = Indicator;

export type IndicatorValue = Value;

export interface IndicatorData {
  indicators: IndicatorInfo[];
  values: IndicatorValue[];
  populations: Map<number, Population>;
  can: IndicatorListing["can"];
}

export function useIndicators(wid: string): {
  data: IndicatorData | null;
  reload(): Promise<void>;
  version: number;
} {
  const [data, setData] = useState<IndicatorData | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(async () => {
    const res = await indicatorsApi(wid).listing();
    setData({
      indicators: res.indicators,
      values: res.values,
      populations: new Map(res.populations.map((p) => [p.fiscalYear, p])),
      can: res.can,
    });
    setVersion((v) => v + 1);
  }, [wid]);

  useEffect(() => {
    void reload();
    const source = new EventSource(indicatorsApi(wid).eventsUrl);
    source.addEventListener("changed", () => void reload());
    // After a dropped connection, catch up on what was missed.
    source.addEventListener("ready", () => void reload());
    // The server ended the stream (logout, access taken away): do not reconnect.
    source.addEventListener("end", () => source.close());
    return () => source.close();
  }, [wid, reload]);

  return { data, reload, version };
}
