/** The node itself: /api/health (is it up) and /api/ready (may a load balancer send it work). */
import * as z from "zod";

export const Health = z
  .object({
    ok: z.literal(true),
    documentsLoaded: z.number().int().meta({ description: "Collaborative documents held in memory" }),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof Health>;

export const Ready = z
  .object({
    ok: z.boolean().meta({ description: "This node can serve (503 when false)" }),
    database: z.boolean().meta({ description: "The database answered" }),
    redis: z.boolean().nullable().meta({ description: "Redis answered (null: a single node, no Redis)" }),
    draining: z.boolean().meta({ description: "The node is stopping (SIGTERM) and accepts no new sockets" }),
  })
  .meta({ id: "Ready" });
export type Ready = z.infer<typeof Ready>;
