import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  to?: string;
}

/** The title row of a page: breadcrumbs, title, one line of description, actions on the right. */
export function PageHeader(props: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  crumbs?: Crumb[];
}) {
  return (
    <Stack gap={6} mb="lg">
      {props.crumbs && props.crumbs.length > 0 && (
        <Breadcrumbs separatorMargin={6} fz="sm">
          {props.crumbs.map((c) =>
            c.to ? (
              <Anchor key={c.label} component={Link} to={c.to} c="dimmed" fz="sm">
                {c.label}
              </Anchor>
            ) : (
              <Text key={c.label} c="dimmed" fz="sm">
                {c.label}
              </Text>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-end" gap="md" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Title order={2} fw={650} fz={26} lh={1.2}>
            {props.title}
          </Title>
          {props.description && (
            <Text c="dimmed" fz="sm" maw={720}>
              {props.description}
            </Text>
          )}
        </Stack>
        {props.actions && <Group gap="sm">{props.actions}</Group>}
      </Group>
    </Stack>
  );
}
