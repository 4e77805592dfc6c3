/** The demo ecosystems shipped in examples/, loaded by `serve --demo` on first start. */
import { fileURLToPath } from 'node:url';
import { readDocument, type EcosystemDocument } from '@valueweb/core';
import { readText, failWithProblems } from './io.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
export const DEMO_FILES = ['rare-disease-ecosystem.yaml', 'river-restoration-coalition.yaml'];

/** Reads and validates the demo documents. */
export function demoDocuments(): EcosystemDocument[] {
  return DEMO_FILES.map((f) => {
    const file = `${EXAMPLES_DIR}${f}`;
    const r = readDocument(readText(file), { file });
    if (!r.ok) failWithProblems(`demo file ${f} is invalid`, r.problems);
    return r.document;
  });
}
