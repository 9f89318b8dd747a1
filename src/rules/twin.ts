/**
 * The shape of a rule written twice: as SQL for the pipeline (DuckDB, over every line of every file) and
 * as JS for the staff file checker (one line at a time in the browser). src/rules/twins.test.ts runs both
 * sides of every such rule on the same rows and requires the same problems.
 */
import { shown, type ProblemText, type RuleId } from './messages.ts';

/** A rule over a staged row, in SQL and in JS. */
export interface TwinRule<Row> {
  rule: RuleId;
  /** The field whose column the problem names. */
  field: string;
  expected: string;
  /** SQL giving the expected text per row, when it depends on the row. */
  expectedSql?: string;
  /** SQL true for rows that break the rule (NULL counts as not broken). */
  bad: string;
  /** SQL of the value shown as found. */
  found: string;
  /** `found` is already a full phrase: show it as it is instead of quoting it. */
  foundIsPhrase?: boolean;
  /** JS twin: for a row that breaks the rule, what was found (null = empty) and the expected text when it depends on the row. */
  check: (row: Row) => { found: string | null; expected?: string } | undefined;
}

/** The found text of a problem, as both sides show it. */
export function foundText(rule: { foundIsPhrase?: boolean }, found: string | null): string {
  return rule.foundIsPhrase && found ? found : shown(found);
}

/** A problem of a header (line 1 = the header's line is given by the caller). */
export interface HeaderProblem extends ProblemText {
  severity: 'error' | 'warning';
}

