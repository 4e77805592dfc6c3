import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';

import { ErrorAlert } from './states.tsx';

/** Asks before deleting; shows the server's answer if the deletion fails (for example a 412). */
export function ConfirmDelete(props: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  onCancel: () => void;
  onConfirm: () => Promise<unknown>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setError(null);
    props.onCancel();
  };
  return (
    <Modal opened={props.opened} onClose={close} title={<Text fw={600}>{props.title}</Text>} size="md">
      <Stack>
        <Text fz="sm">{props.children}</Text>
        {error !== null && <ErrorAlert error={error} title="Not deleted" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={busy}
            onClick={() => {
              setBusy(true);
              setError(null);
              props
                .onConfirm()
                .then(() => close())
                .catch((e: unknown) => setError(e))
                .finally(() => setBusy(false));
            }}
          >
            {props.confirmLabel ?? 'Delete'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
