import { m0006 } from "../migrations/0006-indicators.js";
import { portableToPostgres } from "./portable.js";

/** Migration 6 on PostgreSQL: the same tables; the history's append-only trigger in PL/pgSQL. */
export const p0006 = `${portableToPostgres(
  m0006.sql.replace(/CREATE TRIGGER indicator_value_history_no_update[\s\S]*?END;\n/, ""),
)}
CREATE TRIGGER indicator_value_history_no_update BEFORE UPDATE ON indicator_value_history
  FOR EACH ROW EXECUTE FUNCTION tsumugi_refuse('history is append-only');
`;
