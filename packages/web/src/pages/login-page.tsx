import {
  Alert,
  Box,
  Button,
  Card,
  Center,
  Group,
  List,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconChartDots3, IconScale, IconHeartbeat } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { ApiError, describeError } from '../api/errors.ts';
import { keys, useMe } from '../api/queries.ts';
import { Logo } from '../components/logo.tsx';

/** Where to go after signing in: a path in this app, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (me.data) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api
      .login(email.trim(), password)
      .then(async () => {
        await qc.invalidateQueries({ queryKey: keys.me });
        await navigate(next, { replace: true });
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  const wrongPassword = error instanceof ApiError && (error.status === 401 || error.status === 400);

  return (
    <Box className="vw-login-bg">
      <Center mih="100dvh" p="md">
        <SimpleGrid
          cols={{ base: 1, md: 2 }}
          spacing={48}
          maw={980}
          w="100%"
          style={{ alignItems: 'center' }}
        >
          <Stack gap="lg" visibleFrom="md" pr="lg">
            <Logo size={36} />
            <Title order={1} fz={34} lh={1.15} fw={700}>
              Design, govern and monitor your ecosystem partnerships.
            </Title>
            <Text c="dimmed" fz="md">
              Map the actors and relationships of your ecosystem, agree fair rules with your partners, and see
              early when a partnership needs attention.
            </Text>
            <List spacing="md" center size="sm">
              <List.Item icon={<Feature icon={<IconChartDots3 size={16} />} />}>
                An interactive ecosystem map with network metrics
              </List.Item>
              <List.Item icon={<Feature icon={<IconScale size={16} />} />}>
                Charters, decisions and value sharing every partner can check
              </List.Item>
              <List.Item icon={<Feature icon={<IconHeartbeat size={16} />} />}>
                Health checks and early warnings for every partnership
              </List.Item>
            </List>
          </Stack>
          <Card shadow="sm" p={36} radius="lg" maw={440} w="100%" mx="auto">
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <Box hiddenFrom="md" mb="xs">
                  <Logo size={30} />
                </Box>
                <div>
                  <Title order={2} fz={24} fw={650}>
                    Sign in
                  </Title>
                  <Text c="dimmed" fz="sm" mt={4}>
                    Welcome back. Sign in to your Valueweb workspace.
                  </Text>
                </div>
                {error !== null && (
                  <Alert
                    color="red"
                    variant="light"
                    icon={<IconAlertTriangle size={18} />}
                    role="alert"
                    data-testid="login-error"
                  >
                    {wrongPassword
                      ? 'That email and password do not match an account. Check them and try again.'
                      : describeError(error)}
                  </Alert>
                )}
                <TextInput
                  label="Email"
                  type="email"
                  autoComplete="username"
                  placeholder="you@organization.org"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  required
                  autoFocus
                  size="md"
                  data-testid="login-email"
                />
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  required
                  size="md"
                  data-testid="login-password"
                />
                <Button
                  type="submit"
                  size="md"
                  loading={busy}
                  disabled={!email || !password}
                  fullWidth
                  data-testid="login-submit"
                >
                  Sign in
                </Button>
                <Text fz="xs" c="dimmed" ta="center">
                  New to this workspace? Ask your ecosystem orchestrator for an invitation link.
                </Text>
              </Stack>
            </form>
          </Card>
        </SimpleGrid>
      </Center>
      <Group justify="center" pb="md">
        <Text fz="xs" c="dimmed">
          Valueweb · open-source ecosystem partnership platform
        </Text>
      </Group>
    </Box>
  );
}

function Feature(props: { icon: ReactNode }) {
  return (
    <ThemeIcon size={28} radius="xl" variant="light">
      {props.icon}
    </ThemeIcon>
  );
}
