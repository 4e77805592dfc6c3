import { Alert, Box, Button, Card, Center, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconMailOpened } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { ApiError, formErrors } from '../api/errors.ts';
import { keys } from '../api/queries.ts';
import { RoleBadge } from '../components/badges.tsx';
import { Logo } from '../components/logo.tsx';
import { PageLoader } from '../components/states.tsx';
import { dateTime } from '../lib/format.ts';

const nameOf = (v: unknown): string | null =>
  typeof v === 'string' ? v : v && typeof v === 'object' && 'name' in v ? String(v.name) : null;
const idOf = (v: unknown): string | null =>
  typeof v === 'string' ? v : v && typeof v === 'object' && 'id' in v ? String(v.id) : null;

/** Minimum password length asked of people accepting an invitation (the server may ask more). */
export const MIN_PASSWORD = 12;

export function InvitePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const invite = useQuery({ queryKey: ['invite', token], queryFn: () => api.invite(token), retry: false });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (invite.isPending) return <PageLoader label="Opening your invitation…" />;

  const info = invite.data;
  const ecosystemName = nameOf(info?.ecosystem);
  const ecosystemId = info?.ecosystemId ?? idOf(info?.ecosystem);
  const organization = nameOf(info?.organization);
  const tooShort = password.length > 0 && password.length < MIN_PASSWORD;
  const mismatch = confirm.length > 0 && confirm !== password;
  const { fields, other } = formErrors(error, ['password']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api
      .acceptInvite(token, password)
      .then(async () => {
        await qc.invalidateQueries({ queryKey: keys.me });
        await navigate(ecosystemId ? `/e/${encodeURIComponent(ecosystemId)}` : '/', { replace: true });
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <Box className="vw-login-bg">
      <Center mih="100dvh" p="md">
        <Card shadow="sm" p={36} radius="lg" maw={460} w="100%">
          <Stack gap="md">
            <Logo size={30} />
            {invite.isError ? (
              <>
                <Title order={2} fz={22}>
                  This invitation can't be used
                </Title>
                <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
                  {invite.error instanceof ApiError &&
                  (invite.error.status === 404 || invite.error.status === 410)
                    ? 'The link has expired, was already used, or was mistyped. Ask the person who invited you for a new link.'
                    : invite.error.message}
                </Alert>
                <Button component={Link} to="/login" variant="default">
                  Go to sign in
                </Button>
              </>
            ) : (
              <form onSubmit={submit} noValidate>
                <Stack gap="md">
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <IconMailOpened size={28} color="var(--mantine-color-brand-6)" style={{ flex: 'none' }} />
                    <div>
                      <Title order={2} fz={22}>
                        {ecosystemName ? `Join ${ecosystemName}` : 'Join Valueweb'}
                      </Title>
                      <Text c="dimmed" fz="sm" mt={4}>
                        {info?.name ? `${info.name}, you` : 'You'} have been invited
                        {organization ? ` for ${organization}` : ''}. Choose a password to finish setting up
                        your account.
                      </Text>
                    </div>
                  </Group>
                  <Group gap="xs">
                    <Text fz="sm" c="dimmed">
                      Signing in as
                    </Text>
                    <Text fz="sm" fw={600} data-testid="invite-email">
                      {info?.email}
                    </Text>
                    {info?.role && <RoleBadge role={info.role} />}
                  </Group>
                  {other.length > 0 && (
                    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
                      {other.join(' ')}
                    </Alert>
                  )}
                  <PasswordInput
                    label="New password"
                    description={`At least ${MIN_PASSWORD} characters.`}
                    autoComplete="new-password"
                    value={password}
                    onChange={(e) => setPassword(e.currentTarget.value)}
                    error={
                      fields.password ?? (tooShort ? `Use at least ${MIN_PASSWORD} characters.` : undefined)
                    }
                    required
                    autoFocus
                    data-testid="invite-password"
                  />
                  <PasswordInput
                    label="Repeat the password"
                    autoComplete="new-password"
                    value={confirm}
                    onChange={(e) => setConfirm(e.currentTarget.value)}
                    error={mismatch ? 'The two passwords differ.' : undefined}
                    required
                    data-testid="invite-confirm"
                  />
                  <Button
                    type="submit"
                    loading={busy}
                    disabled={password.length < MIN_PASSWORD || confirm !== password}
                    data-testid="invite-submit"
                  >
                    Set password and join
                  </Button>
                  {info?.expiresAt && (
                    <Text fz="xs" c="dimmed" ta="center">
                      This invitation is valid until {dateTime(info.expiresAt)}.
                    </Text>
                  )}
                </Stack>
              </form>
            )}
          </Stack>
        </Card>
      </Center>
    </Box>
  );
}
