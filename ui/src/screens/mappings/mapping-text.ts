import { isMap, isScalar, LineCounter, parseDocument, stringify } from 'yaml';

/** A problem on a line of the draft, from the browser's own YAML parse or from the API's check. */
export interface LineIssue {
  line?: number;
  column?: number;
  pointer?: string;
  code: string;
  message: string;
}

export interface ParsedDraft {
  /** YAML syntax errors, found in the browser before anything is sent. */
  syntax: Array<{ line: number; column: number; code: string; message: string }>;
  /** The line each canonical target of `fields` is declared on, to point a sample's error back at the mapping. */
  targetLines: Map<string, number>;
  /** How many canonical fields the draft fills (the keys of `fields`). */
  targetCount: number;
}

/**
 * Parses the draft as the API will (yaml, unique keys), for the errors a person sees as they type; the
 * mapping language itself is checked by the API, which gives the line of each of its errors.
 */
export function parseDraft(text: string): ParsedDraft {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    // yaml's message ends with a copy of the faulty text; its first line is the reason.
    return { line, column: col, code: e.code, message: e.message.split('\n')[0]! };
  });
  const targetLines = new Map<string, number>();
  const fields = isMap(doc.contents) ? doc.contents.get('fields', true) : undefined;
  if (isMap(fields))
    for (const pair of fields.items)
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && pair.key.range)
        targetLines.set(pair.key.value, lineCounter.linePos(pair.key.range[0]).line);
  return { syntax, targetLines, targetCount: targetLines.size };
}

/** A stored version (a JSON object) as the YAML a person edits. */
export const toYaml = (mapping: unknown): string => stringify(mapping, { lineWidth: 0 });
