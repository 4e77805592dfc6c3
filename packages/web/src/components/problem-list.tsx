import { Alert, Code, ScrollArea, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { FieldProblem } from '../api/errors.ts';
import { plural } from '../lib/format.ts';

/** Where a problem is: file:line:column, as far as known. */
export function problemPlace(p: FieldProblem, fallbackFile?: string): string {
  const file = p.file ?? fallbackFile;
  const at = [p.line, p.column].filter((x) => x !== undefined).join(':');
  return [file, at].filter(Boolean).join(':') || '—';
}

/** Every problem of an import, with where it is and which field, as a table. */
export function ProblemList(props: { problems: FieldProblem[]; file?: string; title?: string }) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={props.title ?? `The file has ${plural(props.problems.length, 'problem')}; nothing was imported`}
      role="alert"
      data-testid="import-problems"
    >
      <Text fz="sm" mb="sm">
        Fix these in the file and import it again.
      </Text>
      <ScrollArea.Autosize mah={360}>
        <Table fz="sm" withTableBorder bg="white" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>Where</Table.Th>
              <Table.Th w={220}>Field</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.problems.map((p, i) => (
              <Table.Tr key={i} data-testid="import-problem">
                <Table.Td>
                  <Code>{problemPlace(p, props.file)}</Code>
                </Table.Td>
                <Table.Td>
                  <Code>{p.field || '(document)'}</Code>
                </Table.Td>
                <Table.Td>{p.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Alert>
  );
}
