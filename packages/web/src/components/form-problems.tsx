import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { ApiError, describeError } from '../api/errors.ts';

/**
 * What went wrong with a form, above it: a conflict (someone else changed the
 * item) with a reload button, or the problems no field shows.
 */
export function FormProblems(props: {
  error: unknown;
  other: string[];
  onReload?: () => void;
  what?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = (props.error instanceof ApiError && props.error.isConflict) || props.other.length > 0;
  // The form may be scrolled to its save button: bring the problems into view.
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [shown, props.error]);
  if (props.error instanceof ApiError && props.error.isConflict) {
    return (
      <Alert
        ref={ref}
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        title="Someone else changed this"
        role="alert"
        data-testid="conflict-alert"
      >
        <Stack gap="xs">
          <Text fz="sm">
            {props.what ? `This ${props.what}` : 'This item'} was changed by someone else while you were
            editing, so your changes were not saved. Reload to see the latest version, then make your changes
            again.
          </Text>
          {props.onReload && (
            <Button
              size="xs"
              variant="white"
              color="orange"
              leftSection={<IconRefresh size={14} />}
              onClick={props.onReload}
              w="fit-content"
            >
              Reload the latest version
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }
  if (props.other.length === 0) return null;
  const validation = props.error instanceof ApiError && props.error.code === 'validation_failed';
  return (
    <Alert
      ref={ref}
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={validation ? 'Please correct the following' : 'Not saved'}
      role="alert"
    >
      {props.other.length === 1 && !validation ? (
        <Text fz="sm">{validation ? props.other[0] : describeError(props.error)}</Text>
      ) : (
        <List size="sm" spacing={2}>
          {props.other.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
