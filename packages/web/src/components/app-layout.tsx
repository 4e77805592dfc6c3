import {
  AppShell,
  Avatar,
  Badge,
  Burger,
  Divider,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Select,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAffiliate,
  IconCamera,
  IconPuzzle,
  IconUsersMinus,
  IconChartDots3,
  IconChevronDown,
  IconFileImport,
  IconHistory,
  IconHome,
  IconLayoutDashboard,
  IconLayoutGrid,
  IconLogout,
  IconTopologyStar3,
  IconUsers,
  IconUsersGroup,
  IconBuildingCommunity,
  IconArrowsExchange,
  IconDatabaseExport,
  IconBell,
  IconWebhook,
  IconBulb,
  IconRoute,
  IconUserSearch,
  IconChartPie,
  IconLayoutKanban,
  IconClipboardCheck,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, NavLink as RouterNavLink, Outlet, useMatch, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { keys, useEcosystems, useMe } from '../api/queries.ts';
import { initials } from '../lib/format.ts';
import { allowed, roleLabel } from '../lib/permissions.ts';
import { Logo } from './logo.tsx';
import { AlertCountBadge } from '../alerts/alert-count-badge.tsx';
import { ink } from '../lib/ink.ts';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  end?: boolean;
  testId: string;
  badge?: ReactNode;
}

/** The frame of every signed-in page: header, and inside an ecosystem the navigation. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const match = useMatch('/e/:ecosystemId/*');
  const ecosystemId = match?.params.ecosystemId;
  const me = useMe().data;
  const ecosystems = useEcosystems();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const current = ecosystems.data?.items.find((e) => e.id === ecosystemId);
  const role = current?.role ?? me?.roles.find((r) => r.ecosystemId === ecosystemId)?.role ?? null;

  const signOut = () => {
    void api
      .logout()
      .catch(() => undefined)
      .finally(() => {
        qc.clear();
        qc.setQueryData(keys.me, null);
        void navigate('/login', { replace: true });
      });
  };

  const base = ecosystemId ? `/e/${encodeURIComponent(ecosystemId)}` : '';
  const items: NavItem[] = ecosystemId
    ? [
        { to: base, label: 'Overview', icon: <IconHome size={18} />, end: true, testId: 'nav-overview' },
        {
          to: `${base}/actors`,
          label: 'Actors',
          icon: <IconBuildingCommunity size={18} />,
          testId: 'nav-actors',
        },
        {
          to: `${base}/relationships`,
          label: 'Relationships',
          icon: <IconArrowsExchange size={18} />,
          testId: 'nav-relationships',
        },
        {
          to: `${base}/partnerships`,
          label: 'Partnerships',
          icon: <IconTopologyStar3 size={18} />,
          testId: 'nav-partnerships',
        },
        {
          to: `${base}/portfolio`,
          label: 'Portfolio',
          icon: <IconLayoutDashboard size={18} />,
          testId: 'nav-portfolio',
        },
      ]
    : [];
  const mapNav: NavItem[] = ecosystemId
    ? [
        { to: `${base}/map`, label: 'Ecosystem map', icon: <IconChartDots3 size={18} />, testId: 'nav-map' },
        {
          to: `${base}/analysis`,
          label: 'Network analysis',
          icon: <IconAffiliate size={18} />,
          testId: 'nav-analysis',
        },
        {
          to: `${base}/gaps`,
          label: 'Gaps & opportunities',
          icon: <IconPuzzle size={18} />,
          testId: 'nav-gaps',
        },
        {
          to: `${base}/what-if`,
          label: 'What-if',
          icon: <IconUsersMinus size={18} />,
          testId: 'nav-what-if',
        },
        {
          to: `${base}/snapshots`,
          label: 'Snapshots',
          icon: <IconCamera size={18} />,
          testId: 'nav-snapshots',
        },
      ]
    : [];
  const discoverNav: NavItem[] = ecosystemId
    ? [
        {
          to: `${base}/discover/candidates`,
          label: 'Candidates',
          icon: <IconUserSearch size={18} />,
          testId: 'nav-discover-candidates',
        },
        {
          to: `${base}/discover/portfolio`,
          label: 'Partner portfolio',
          icon: <IconChartPie size={18} />,
          testId: 'nav-discover-portfolio',
        },
        {
          to: `${base}/discover/pipeline`,
          label: 'Pipeline',
          icon: <IconLayoutKanban size={18} />,
          testId: 'nav-discover-pipeline',
        },
        {
          to: `${base}/discover/readiness`,
          label: 'Alliance readiness',
          icon: <IconClipboardCheck size={18} />,
          testId: 'nav-discover-readiness',
        },
      ]
    : [];
  const pilotNav: NavItem[] = ecosystemId
    ? [
        { to: `${base}/roadmap`, label: 'Roadmap', icon: <IconRoute size={18} />, testId: 'nav-roadmap' },
        {
          to: `${base}/lessons`,
          label: 'Lessons learned',
          icon: <IconBulb size={18} />,
          testId: 'nav-lessons',
        },
        {
          to: `${base}/alerts`,
          label: 'Alerts',
          icon: <IconBell size={18} />,
          testId: 'nav-alerts',
          badge: <AlertCountBadge ecosystemId={ecosystemId} />,
        },
      ]
    : [];
  const admin: NavItem[] = ecosystemId
    ? [
        {
          to: `${base}/people`,
          label: 'People & invitations',
          icon: <IconUsers size={18} />,
          testId: 'nav-people',
        },
        ...(allowed(me?.user, role, 'audit.read')
          ? [
              {
                to: `${base}/audit`,
                label: 'Audit log',
                icon: <IconHistory size={18} />,
                testId: 'nav-audit',
              },
            ]
          : []),
        ...(allowed(me?.user, role, 'ecosystem.update')
          ? [
              {
                to: `${base}/webhooks`,
                label: 'Webhooks',
                icon: <IconWebhook size={18} />,
                testId: 'nav-webhooks',
              },
            ]
          : []),
        {
          to: `${base}/data`,
          label: 'Import & export',
          icon: <IconDatabaseExport size={18} />,
          testId: 'nav-data',
        },
      ]
    : [];

  const link = (i: NavItem) => (
    <NavLink
      key={i.to}
      component={RouterNavLink}
      to={i.to}
      end={i.end}
      label={i.label}
      leftSection={i.icon}
      rightSection={i.badge}
      onClick={close}
      data-testid={i.testId}
      styles={{ root: { borderRadius: 'var(--mantine-radius-md)' }, label: { fontWeight: 500 } }}
    />
  );

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={ecosystemId ? { width: 248, breakpoint: 'md', collapsed: { mobile: !opened } } : undefined}
      padding={0}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            {ecosystemId && (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="md"
                size="sm"
                aria-label="Toggle navigation"
              />
            )}
            <UnstyledButton component={Link} to="/" aria-label="Valueweb: all ecosystems">
              <Logo />
            </UnstyledButton>
            {ecosystemId && (ecosystems.data?.items.length ?? 0) > 0 && (
              <>
                <Divider orientation="vertical" my={14} visibleFrom="sm" />
                <Select
                  visibleFrom="sm"
                  aria-label="Switch ecosystem"
                  data={(ecosystems.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
                  value={ecosystemId}
                  onChange={(v) => v && void navigate(`/e/${encodeURIComponent(v)}`)}
                  allowDeselect={false}
                  searchable
                  w={260}
                  variant="filled"
                  comboboxProps={{ withinPortal: true }}
                />
              </>
            )}
          </Group>
          {me && (
            <Menu position="bottom-end" width={240} shadow="md">
              <Menu.Target>
                <UnstyledButton data-testid="user-menu">
                  <VisuallyHidden>Account menu: </VisuallyHidden>
                  <Group gap={10} wrap="nowrap">
                    <Avatar color="brand" radius="xl" size={34}>
                      {initials(me.user.name || me.user.email)}
                    </Avatar>
                    <Stack gap={0} visibleFrom="md">
                      <Text fz="sm" fw={600} lh={1.2}>
                        {me.user.name || me.user.email}
                      </Text>
                      <Text fz="xs" c="dimmed" lh={1.2}>
                        {me.user.organization?.name ?? (me.user.isAdmin ? 'Administrator' : '')}
                      </Text>
                    </Stack>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.user.email}</Menu.Label>
                <Menu.Item component={Link} to="/" leftSection={<IconLayoutGrid size={16} />}>
                  All ecosystems
                </Menu.Item>
                <Menu.Item component={Link} to="/import" leftSection={<IconFileImport size={16} />}>
                  Import an ecosystem
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item
                  color="red"
                  leftSection={<IconLogout size={16} />}
                  onClick={signOut}
                  data-testid="sign-out"
                >
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </AppShell.Header>

      {ecosystemId && (
        <AppShell.Navbar p="sm">
          <AppShell.Section>
            <Stack gap={4} px="xs" py="sm">
              <Text fz="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.05em' }}>
                Ecosystem
              </Text>
              <Text fw={650} lh={1.3} lineClamp={2}>
                {current?.name ?? ecosystemId}
              </Text>
              <Group gap={6}>
                <Badge
                  size="sm"
                  color={role === 'orchestrator' ? 'brand' : role === 'member' ? 'teal' : 'gray'}
                  c={ink(role === 'orchestrator' ? 'brand' : role === 'member' ? 'teal' : 'gray')}
                >
                  {roleLabel(role, me?.user.isAdmin)}
                </Badge>
              </Group>
            </Stack>
          </AppShell.Section>
          <AppShell.Section grow component={ScrollArea} mt="xs">
            <Stack gap={2}>{items.map(link)}</Stack>
            <Text
              fz="xs"
              c="dimmed"
              tt="uppercase"
              fw={600}
              px="sm"
              mt="lg"
              mb={6}
              style={{ letterSpacing: '0.05em' }}
            >
              Map
            </Text>
            <Stack gap={2}>{mapNav.map(link)}</Stack>
            <Text
              fz="xs"
              c="dimmed"
              tt="uppercase"
              fw={600}
              px="sm"
              mt="lg"
              mb={6}
              style={{ letterSpacing: '0.05em' }}
            >
              Discover
            </Text>
            <Stack gap={2}>{discoverNav.map(link)}</Stack>
            <Text
              fz="xs"
              c="dimmed"
              tt="uppercase"
              fw={600}
              px="sm"
              mt="lg"
              mb={6}
              style={{ letterSpacing: '0.05em' }}
            >
              Pilot & monitor
            </Text>
            <Stack gap={2}>{pilotNav.map(link)}</Stack>
            <Text
              fz="xs"
              c="dimmed"
              tt="uppercase"
              fw={600}
              px="sm"
              mt="lg"
              mb={6}
              style={{ letterSpacing: '0.05em' }}
            >
              Administration
            </Text>
            <Stack gap={2}>{admin.map(link)}</Stack>
          </AppShell.Section>
          <AppShell.Section>
            <NavLink
              component={Link}
              to="/"
              label="All ecosystems"
              leftSection={<IconUsersGroup size={18} />}
              c="dimmed"
              styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
            />
          </AppShell.Section>
        </AppShell.Navbar>
      )}

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
