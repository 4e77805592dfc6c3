/** The published JSON Schema of the ecosystem document (`valueweb schema`). */
import { z } from 'zod';
import { DocumentSchema } from './document.ts';

/** JSON Schema (draft 2020-12) of the document as a user writes it (defaults optional). */
export function documentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DocumentSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return {
    ...schema,
    $id: 'urn:valueweb:schema:ecosystem:v1',
    title: 'Valueweb ecosystem document, format v1',
    description:
      'An ecosystem as code: actors, relationships and partnerships. YAML or JSON. Field names are a contract.',
  };
}
