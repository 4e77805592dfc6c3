/**
 * Reading and writing the ecosystem document as text (YAML or JSON), with
 * problems located by line and column. Pure: takes and returns strings.
 */
import { LineCounter, parseDocument, stringify, type Document } from 'yaml';
import type { EcosystemDocument } from './document.ts';
import type { Path, Problem } from './problem.ts';
import { validateDocument, type ValidationResult } from './validate.ts';

export type DocumentFormat = 'yaml' | 'json';

/** Guesses the format from a file name, or from the first non-blank character. */
export function detectFormat(text: string, filename?: string): DocumentFormat {
  if (filename && /\.json$/i.test(filename)) return 'json';
  if (filename && /\.ya?ml$/i.test(filename)) return 'yaml';
  const first = /\S/.exec(text)?.[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export interface ParsedText {
  /** The parsed value, or undefined on a syntax error. */
  value: unknown;
  problems: Problem[];
  /** Finds the line/column of a path (nearest existing ancestor). */
  locate: (path: Path) => { line: number; column: number } | undefined;
}

function yamlLocator(doc: Document, counter: LineCounter) {
  return (path: Path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const range = node && typeof node === 'object' ? node.range : undefined;
      if (range) {
        // For a missing field, point at the object that should hold it.
        const pos = counter.linePos(range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return undefined;
  };
}

/** Parses YAML text, keeping positions for error messages. */
function parseYaml(text: string): ParsedText {
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
  });
  const problems: Problem[] = doc.errors.map((e) => {
    const pos = counter.linePos(e.pos[0]);
    return {
      path: [],
      message: e.message.split('\n')[0] ?? e.message,
      code: 'syntax',
      line: pos.line,
      column: pos.col,
    };
  });
  const locate = yamlLocator(doc, counter);
  if (problems.length > 0) return { value: undefined, problems, locate };
  return { value: doc.toJS({ maxAliasCount: 1000 }), problems, locate };
}

/** Parses JSON text: JSON.parse for speed; positions are found by re-reading with the YAML parser only when needed. */
function parseJson(text: string): ParsedText {
  let cached: ((path: Path) => { line: number; column: number } | undefined) | undefined;
  const locate = (path: Path) => {
    if (!cached) {
      const counter = new LineCounter();
      const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
      cached = yamlLocator(doc, counter);
    }
    return cached(path);
  };
  try {
    return { value: JSON.parse(text) as unknown, problems: [], locate };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    const lc = m ? lineColumn(text, Number(m[1])) : undefined;
    const lm = /line (\d+) column (\d+)/.exec(msg);
    return {
      value: undefined,
      problems: [
        {
          path: [],
          message: `invalid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')}`,
          code: 'syntax',
          ...(lc ?? (lm ? { line: Number(lm[1]), column: Number(lm[2]) } : {})),
        },
      ],
      locate,
    };
  }
}

/** Parses YAML or JSON text into a plain value, reporting syntax errors with line and column. */
export function parseText(text: string, format: DocumentFormat): ParsedText {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return format === 'json' ? parseJson(text) : parseYaml(text);
}

/** Adds line/column to problems that have a path, using a parsed text's locator. */
export function locateProblems(problems: Problem[], parsed: ParsedText, file?: string): Problem[] {
  return problems.map((p) => {
    const pos = p.line === undefined ? parsed.locate(p.path) : undefined;
    return { ...p, ...(pos ?? {}), ...(file ? { file } : {}) };
  });
}

/** Parses and validates a document from text: every problem, with path, line and column. */
export function readDocument(
  text: string,
  options: { format?: DocumentFormat; file?: string } = {},
): ValidationResult {
  const format = options.format ?? detectFormat(text, options.file);
  const parsed = parseText(text, format);
  if (parsed.problems.length > 0)
    return { ok: false, problems: locateProblems(parsed.problems, parsed, options.file) };
  if (parsed.value === undefined || parsed.value === null) {
    return {
      ok: false,
      problems: [
        {
          path: [],
          message: 'the file is empty: expected an ecosystem document',
          code: 'empty',
          ...(options.file ? { file: options.file } : {}),
        },
      ],
    };
  }
  const result = validateDocument(parsed.value);
  if (result.ok) return result;
  return { ok: false, problems: locateProblems(result.problems, parsed, options.file) };
}

/** Writes a document as YAML or JSON. Reading it back gives an equal document. */
export function writeDocument(doc: EcosystemDocument, format: DocumentFormat = 'yaml'): string {
  if (format === 'json') return `${JSON.stringify(doc, null, 2)}\n`;
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}
