/**
 * Offline Neo4j 5 Cypher linter (used by tests/cypher_lint.py).
 *
 * Why: no Neo4j server runs in CI, but we still want proof that the Cypher we
 * send is valid. @neo4j-cypher/language-support ships Neo4j's own parser and
 * its semantic analysis (the real Neo4j front-end compiled to JS), so its
 * `lintCypherQuery` rejects what a Neo4j 5 server would reject at compile time.
 *
 * Protocol: stdin = JSON array of Cypher strings; stdout = JSON array (same
 * order) of diagnostic lists: {severity: "error"|"warning", message, line,
 * column}, with 1-based line/column like Neo4j's own error messages.
 */
import { readFileSync } from 'node:fs';
import {
  isNotParamError,
  lintCypherQuery,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

const VERSION = 'CYPHER 5';
const catalog = testData.mockSchema; // function/procedure dump of a real Neo4j 5 server

/**
 * Schema without labels/types/properties: those come from the database, so
 * unknown ones are never reported. Functions and procedures are checked against
 * the catalog bundled with the package, restricted to what a plain Neo4j 5
 * server has (built-in functions; db./dbms./tx./cdc. procedures). Without this
 * registry the package silently accepts `nosuchfunc(1)` and `CALL nosuch()`.
 * APOC/GDS calls are therefore errors: they fail on a server without plugins.
 */
const SCHEMA = {
  defaultLanguage: VERSION,
  functions: {
    [VERSION]: Object.fromEntries(
      Object.entries(catalog.functions[VERSION]).filter(([, f]) => f.isBuiltIn),
    ),
  },
  procedures: {
    [VERSION]: Object.fromEntries(
      Object.entries(catalog.procedures[VERSION]).filter(([name]) =>
        /^(db|dbms|tx|cdc)\./.test(name),
      ),
    ),
  },
};

const diag = (severity, message, line = 1, column = 1) => ({ severity, message, line, column });

/** Lint one statement; never throws, so one bad input cannot hide the others. */
function lintOne(query) {
  if (typeof query !== 'string' || query.trim() === '') {
    return [diag('error', 'Empty or non-string statement')];
  }
  try {
    // consoleCommandsEnabled=false: `:param` etc. are Browser/cypher-shell
    // commands, not Cypher a driver can run.
    const { diagnostics } = lintCypherQuery(query, SCHEMA, { consoleCommandsEnabled: false });
    const out = diagnostics
      // We supply parameters at run time; the package flags every `$x` it
      // wasn't told about, so drop exactly that message (its own helper).
      .filter(isNotParamError)
      .map((d) =>
        diag(
          d.severity === 1 ? 'error' : 'warning', // 1 = LSP DiagnosticSeverity.Error
          d.message,
          d.range.start.line + 1,
          d.range.start.character + 1,
        ),
      );
    // A driver's session.run() takes exactly one statement.
    const n = parseStatementsStrs(query).length;
    if (n > 1) out.push(diag('error', `Expected exactly one statement per query but got: ${n}`));
    return out;
  } catch (e) {
    return [diag('error', `cypher linter crashed: ${e?.stack ?? e}`)];
  }
}

const input = JSON.parse(readFileSync(0, 'utf8'));
if (!Array.isArray(input)) throw new Error('stdin must be a JSON array of strings');
process.stdout.write(JSON.stringify(input.map(lintOne)));
