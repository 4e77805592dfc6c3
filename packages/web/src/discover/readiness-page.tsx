/**
 * The alliance readiness assessment (seed 001, “Alliances”): six map signals
 * (should we?) and seven readiness items (can we?) answered yes, partly or no
 * by an organization for an initiative or a partnership; the score as you
 * answer, the seed's guidance (use when, avoid when, pitfalls to watch, key
 * questions), and the answers other organizations share.
 */
import {
  Alert,
  Badge,
  Button,
  Container,
  Grid,
  Group,
  List,
  Paper,
  RingProgress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconBulb,
  IconCheck,
  IconClipboardCheck,
  IconHandStop,
  IconMap2,
  IconQuestionMark,
  IconUsersGroup,
} from '@tabler/icons-react';
import { discover } from '@valueweb/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { formErrors } from '../api/errors.ts';
import { usePartnerships } from '../api/queries.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorAlert, PageLoader } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { slugify } from '../lib/format.ts';
import {
  discoverApi,
  useAssessment,
  useAssessments,
  useDiscoverMutation,
  useQuestions,
  type AssessmentItem,
  type AssessmentResult,
  type AssessmentSubject,
  type Questions,
  type ReadinessAnswer,
  type ReadinessResult,
  type Visibility,
} from './discover-api.ts';
import { useIsOrchestrator, useNames, useOwnActor, VisibilityBadge, type Names } from './shared.tsx';
import { ink } from '../lib/ink.ts';

const NEW = '__new__';
const keyOf = (s: AssessmentSubject) => `${s.kind}:${s.id}`;
const fromKey = (k: string): AssessmentSubject => {
  const i = k.indexOf(':');
  return { kind: k.slice(0, i) as AssessmentSubject['kind'], id: k.slice(i + 1) };
};
const VERDICT_COLOR: Record<ReadinessResult['verdict'], string> = {
  'strong fit': 'teal',
  'proceed with care': 'orange',
  'not yet': 'red',
};
const f0 = (x: number | null) => (x === null ? '–' : String(Math.round(x)));

export default function ReadinessPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const names = useNames(id);
  const questions = useQuestions(id);
  const assessments = useAssessments(id);
  const partnerships = usePartnerships(id, { limit: 200 });
  const orchestrator = useIsOrchestrator();
  const own = useOwnActor();
  const [subjectKey, setSubjectKey] = useState<string | null>(null);
  const [initiative, setInitiative] = useState({ name: '', id: '' });
  const [organization, setOrganization] = useState<string | null>(own);
  const base = `/e/${encodeURIComponent(id)}`;

  // Start on the first assessment there is.
  useEffect(() => {
    if (subjectKey === null && assessments.data?.items[0])
      setSubjectKey(keyOf(assessments.data.items[0].subject));
  }, [assessments.data, subjectKey]);

  const options = useMemo(() => {
    const existing = (assessments.data?.items ?? []).map((a) => ({
      value: keyOf(a.subject),
      label: a.name ?? (a.subject.kind === 'partnership' ? partnershipName(a.subject.id) : a.subject.id),
    }));
    const taken = new Set(existing.map((o) => o.value));
    const ps = (partnerships.data?.items ?? [])
      .filter((p) => !taken.has(`partnership:${p.id}`))
      .map((p) => ({ value: `partnership:${p.id}`, label: p.name }));
    return [
      ...(existing.length ? [{ group: 'Assessments', items: existing }] : []),
      ...(ps.length ? [{ group: 'Partnerships not yet assessed', items: ps }] : []),
      { group: 'Something new', items: [{ value: NEW, label: 'A new initiative…' }] },
    ];
    function partnershipName(pid: string) {
      return partnerships.data?.items.find((p) => p.id === pid)?.name ?? pid;
    }
  }, [assessments.data, partnerships.data]);

  const subject: AssessmentSubject | null =
    subjectKey === NEW
      ? initiative.id
        ? { kind: 'initiative', id: initiative.id }
        : null
      : subjectKey
        ? fromKey(subjectKey)
        : null;
  const assessment = useAssessment(id, subjectKey === NEW ? null : subject);
  const canAnswer = orchestrator || (ecosystem.role === 'member' && own !== null);

  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: base }, { label: 'Discover' }, { label: 'Alliance readiness' }]}
        title="Alliance readiness"
        description="Seed 001 (Alliances): “Forming formal partnerships or consortia with other companies to pursue a shared objective or market.” Six map signals ask whether the landscape calls for an alliance; seven readiness items ask whether you are ready to run one. Each organization answers for itself."
      />
      {questions.isPending || assessments.isPending ? (
        <PageLoader label="Loading the assessment…" />
      ) : questions.isError ? (
        <ErrorAlert error={questions.error} onRetry={() => void questions.refetch()} />
      ) : assessments.isError ? (
        <ErrorAlert error={assessments.error} onRetry={() => void assessments.refetch()} />
      ) : (
        <Stack gap="lg">
          <Paper withBorder p="md">
            <Group align="flex-end" gap="md" wrap="wrap">
              <Select
                label="Assess"
                placeholder="Choose an initiative or a partnership"
                data={options}
                value={subjectKey}
                onChange={setSubjectKey}
                w={380}
                searchable
                data-testid="readiness-subject"
              />
              {subjectKey === NEW && (
                <>
                  <TextInput
                    label="Initiative"
                    placeholder="e.g. Joint data platform for Iberia"
                    value={initiative.name}
                    onChange={(e) => {
                      const name = e.currentTarget.value;
                      setInitiative({ name, id: slugify(name) });
                    }}
                    w={300}
                  />
                  <TextInput
                    label="Identifier"
                    value={initiative.id}
                    onChange={(e) => setInitiative((o) => ({ ...o, id: e.currentTarget.value }))}
                    w={220}
                  />
                </>
              )}
              {orchestrator ? (
                <Select
                  label="Answering for"
                  description="Orchestrators may record any organization’s answers."
                  data={names.options}
                  value={organization}
                  onChange={setOrganization}
                  w={300}
                  searchable
                  data-testid="readiness-organization"
                />
              ) : own ? (
                <Text fz="sm" pb={8}>
                  Answering for <b>{names.name(own)}</b>
                </Text>
              ) : null}
            </Group>
          </Paper>
          {!subject ? (
            <Alert variant="light" color="blue" icon={<IconClipboardCheck size={18} />}>
              Choose what to assess: an initiative you are considering, or a partnership.
            </Alert>
          ) : subjectKey !== NEW && assessment.isPending ? (
            <PageLoader label="Loading the answers…" />
          ) : assessment.isError ? (
            <ErrorAlert error={assessment.error} onRetry={() => void assessment.refetch()} />
          ) : (
            <Assessment
              key={`${keyOf(subject)}/${organization ?? ''}`}
              ecosystemId={id}
              subject={subject}
              name={subjectKey === NEW ? initiative.name : undefined}
              questions={questions.data}
              result={assessment.data ?? null}
              organization={canAnswer ? organization : null}
              names={names}
              onSaved={() => subjectKey === NEW && setSubjectKey(keyOf(subject))}
            />
          )}
        </Stack>
      )}
    </Container>
  );
}

function Assessment(props: {
  ecosystemId: string;
  subject: AssessmentSubject;
  name: string | undefined;
  questions: Questions;
  result: AssessmentResult | null;
  organization: string | null;
  names: Names;
  onSaved: () => void;
}) {
  const mine = props.result?.responses.find((r) => r.organization === props.organization);
  const [answers, setAnswers] = useState<Record<string, ReadinessAnswer>>(() => ({
    ...(mine?.answers as Record<string, ReadinessAnswer> | undefined),
  }));
  const [note, setNote] = useState(mine?.note ?? '');
  const [visibility, setVisibility] = useState<Visibility>(mine?.visibility ?? 'private');
  const live = useMemo(() => discover.scoreReadiness(answers), [answers]);
  const save = useDiscoverMutation(props.ecosystemId, () =>
    discoverApi.answer(props.ecosystemId, props.subject, props.organization!, {
      answers,
      visibility,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(props.name ? { name: props.name } : {}),
    }),
  );
  const { other } = formErrors(save.error, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined, {
      onSuccess: (r) => {
        notifications.show({
          color: 'teal',
          message: `Answers saved for ${props.names.name(props.organization!)}: ${r.result.verdict}.`,
          closeButtonProps: { 'aria-label': 'Dismiss the notification' },
        });
        props.onSaved();
      },
    });
  };
  const others = (props.result?.responses ?? []).filter((r) => r.organization !== props.organization);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <form onSubmit={submit} noValidate data-testid="readiness-form">
          <Stack gap="md">
            {!props.organization && (
              <Alert variant="light" color="gray">
                You can read this assessment; answering is for the members of each organization and the
                orchestrators.
              </Alert>
            )}
            <FormProblems error={save.error} other={other} what="assessment" />
            <Section
              title="Map signals: should we?"
              hint="Does the landscape call for an alliance?"
              icon={<IconMap2 size={18} />}
              items={props.questions.mapSignals}
              answers={answers}
              onAnswer={(id, a) => setAnswers((o) => withAnswer(o, id, a))}
              disabled={!props.organization}
            />
            <Section
              title="Readiness: can we?"
              hint="Are we ready to run one?"
              icon={<IconUsersGroup size={18} />}
              items={props.questions.readinessItems}
              answers={answers}
              onAnswer={(id, a) => setAnswers((o) => withAnswer(o, id, a))}
              disabled={!props.organization}
            />
            {props.organization && (
              <Paper withBorder p="md">
                <Stack gap="sm">
                  <Textarea
                    label="Note"
                    description="Anything the other organizations should know about these answers."
                    value={note}
                    onChange={(e) => setNote(e.currentTarget.value)}
                    autosize
                    minRows={2}
                    maxLength={2000}
                  />
                  <Switch
                    checked={visibility === 'ecosystem'}
                    onChange={(e) => setVisibility(e.currentTarget.checked ? 'ecosystem' : 'private')}
                    label="Share these answers with the whole ecosystem"
                    description="Off: only your organization and the orchestrators see them."
                  />
                  <Group justify="flex-end">
                    <Button type="submit" loading={save.isPending} data-testid="save-readiness">
                      Save {props.names.name(props.organization)}’s answers
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            )}
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack gap="md">
          <ScoreCard result={live} />
          <Guidance questions={props.questions} result={live} />
        </Stack>
      </Grid.Col>
      {(others.length > 0 || (props.result?.disagreements.length ?? 0) > 0) && (
        <Grid.Col span={12}>
          <OthersCard
            result={props.result!}
            organization={props.organization}
            names={props.names}
            questions={props.questions}
          />
        </Grid.Col>
      )}
    </Grid>
  );
}

function withAnswer(
  o: Record<string, ReadinessAnswer>,
  id: string,
  a: string,
): Record<string, ReadinessAnswer> {
  const next = { ...o };
  if (a === 'unanswered') delete next[id];
  else next[id] = a as ReadinessAnswer;
  return next;
}

function Section(props: {
  title: string;
  hint: string;
  icon: React.ReactNode;
  items: AssessmentItem[];
  answers: Record<string, ReadinessAnswer>;
  onAnswer: (id: string, a: string) => void;
  disabled: boolean;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={props.title}>
      <Group gap="xs" mb="sm">
        <ThemeIcon variant="light" radius="xl">
          {props.icon}
        </ThemeIcon>
        <div>
          <Title order={2} fz="md">
            {props.title}
          </Title>
          <Text fz="xs" c="dimmed">
            {props.hint}
          </Text>
        </div>
      </Group>
      <Stack gap="md">
        {props.items.map((item, i) => {
          const a = props.answers[item.id];
          return (
            <Stack key={item.id} gap={6} data-testid="readiness-item" data-item={item.id}>
              <Text fz="sm" id={`q-${item.id}`}>
                {i + 1}. {item.text}
              </Text>
              <SegmentedControl
                size="xs"
                w="fit-content"
                disabled={props.disabled}
                value={a ?? 'unanswered'}
                onChange={(v) => props.onAnswer(item.id, v)}
                aria-labelledby={`q-${item.id}`}
                data={[
                  { value: 'yes', label: 'Yes' },
                  { value: 'partly', label: 'Partly' },
                  { value: 'no', label: 'No' },
                  { value: 'unanswered', label: 'Not answered' },
                ]}
                color={ink(a === 'yes' ? 'teal' : a === 'partly' ? 'orange' : a === 'no' ? 'red' : 'gray')}
              />
              {(a === 'no' || a === 'partly') && (
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <IconBulb size={14} style={{ flexShrink: 0, marginTop: 3 }} aria-hidden />
                  <Text fz="xs" c="dimmed">
                    {item.suggestion}
                  </Text>
                </Group>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}

function ScoreCard(props: { result: ReadinessResult }) {
  const r = props.result;
  return (
    <Paper withBorder p="md" data-testid="readiness-score">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
            Score as you answer
          </Text>
          <Badge
            size="lg"
            color={VERDICT_COLOR[r.verdict]}
            c={ink(VERDICT_COLOR[r.verdict])}
            mt={4}
            data-testid="readiness-verdict"
          >
            {r.verdict}
          </Badge>
        </div>
        <RingProgress
          size={92}
          thickness={9}
          roundCaps
          sections={[{ value: r.overall ?? 0, color: VERDICT_COLOR[r.verdict] }]}
          label={
            <Text ta="center" fw={750} fz="lg">
              {f0(r.overall)}
            </Text>
          }
        />
      </Group>
      <Text fz="sm" mt="xs">
        {r.verdictReason}
      </Text>
      <SimpleGrid cols={2} mt="sm">
        <div>
          <Text fz="xs" c="dimmed">
            Map signals
          </Text>
          <Text fw={650}>
            {f0(r.mapSignals.score)}{' '}
            <Text span fz="xs" c="dimmed" fw={400}>
              ({r.mapSignals.answered} of {r.mapSignals.total} answered)
            </Text>
          </Text>
        </div>
        <div>
          <Text fz="xs" c="dimmed">
            Readiness
          </Text>
          <Text fw={650}>
            {f0(r.readiness.score)}{' '}
            <Text span fz="xs" c="dimmed" fw={400}>
              ({r.readiness.answered} of {r.readiness.total} answered)
            </Text>
          </Text>
        </div>
      </SimpleGrid>
      <Text fz="xs" c="dimmed" mt="sm">
        {r.rule}
      </Text>
    </Paper>
  );
}

function Guidance(props: { questions: Questions; result: ReadinessResult }) {
  const g = props.questions.guidance;
  const elevated = new Set<string>(props.result.guidance.pitfalls.filter((p) => p.elevated).map((p) => p.id));
  return (
    <Paper withBorder p="md" data-testid="readiness-guidance">
      <Stack gap="md">
        <div>
          <Group gap={6} mb={4}>
            <IconCheck size={16} color="var(--mantine-color-teal-7)" aria-hidden />
            <Title order={2} fz="sm">
              Use an alliance when
            </Title>
          </Group>
          <List size="sm" spacing={2}>
            {g.useWhen.map((x) => (
              <List.Item key={x}>{x}</List.Item>
            ))}
          </List>
        </div>
        <div>
          <Group gap={6} mb={4}>
            <IconHandStop size={16} color="var(--mantine-color-red-7)" aria-hidden />
            <Title order={2} fz="sm">
              Avoid it when
            </Title>
          </Group>
          <List size="sm" spacing={2}>
            {g.avoidWhen.map((x) => (
              <List.Item key={x}>{x}</List.Item>
            ))}
          </List>
        </div>
        <div>
          <Group gap={6} mb={4}>
            <IconAlertTriangle size={16} color="var(--mantine-color-orange-7)" aria-hidden />
            <Title order={2} fz="sm">
              Pitfalls to watch
            </Title>
          </Group>
          <Stack gap={6}>
            {g.pitfalls.map((p) => (
              <Paper
                key={p.id}
                p="xs"
                withBorder
                bg={elevated.has(p.id) ? 'var(--mantine-color-orange-0)' : undefined}
                data-testid="pitfall"
                data-elevated={elevated.has(p.id)}
              >
                <Group gap={6}>
                  <Text fz="sm" fw={650}>
                    {p.name}
                  </Text>
                  {elevated.has(p.id) && (
                    <Badge size="xs" color="orange" c={ink('orange')}>
                      raised by your answers
                    </Badge>
                  )}
                </Group>
                <Text fz="xs">
                  Seed 001: {p.text}. Watch {p.watch}.
                </Text>
              </Paper>
            ))}
          </Stack>
        </div>
        <div>
          <Group gap={6} mb={4}>
            <IconQuestionMark size={16} aria-hidden />
            <Title order={2} fz="sm">
              Key questions to ask
            </Title>
          </Group>
          <List size="sm" spacing={2}>
            {g.keyQuestions.map((x) => (
              <List.Item key={x}>{x}</List.Item>
            ))}
          </List>
        </div>
        <Text fz="xs" c="dimmed">
          Key principles: {g.keyPrinciples.join('; ')}. How to execute: {g.howToExecute.join('; ')}.
        </Text>
      </Stack>
    </Paper>
  );
}

function OthersCard(props: {
  result: AssessmentResult;
  organization: string | null;
  names: Names;
  questions: Questions;
}) {
  const r = props.result;
  return (
    <Paper withBorder p="md" data-testid="readiness-others">
      <Title order={2} fz="md" mb={4}>
        The organizations’ answers you may see
      </Title>
      <Text fz="xs" c="dimmed" mb="sm">
        Each organization’s answers stay with it (and the orchestrators) unless it shares them. Where one says
        yes and another no is a perception gap worth a conversation.
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label="Scores of each organization">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Organization</Table.Th>
              <Table.Th ta="right">Map signals</Table.Th>
              <Table.Th ta="right">Readiness</Table.Th>
              <Table.Th ta="right">Overall</Table.Th>
              <Table.Th>Verdict</Table.Th>
              <Table.Th>Seen by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.responses.map((x) => (
              <Table.Tr key={x.organization}>
                <Table.Td fw={x.organization === props.organization ? 700 : 500}>
                  {props.names.name(x.organization)}
                  {x.note && (
                    <Text fz="xs" c="dimmed">
                      “{x.note}”
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{f0(x.result.mapSignals.score)}</Table.Td>
                <Table.Td ta="right">{f0(x.result.readiness.score)}</Table.Td>
                <Table.Td ta="right" fw={650}>
                  {f0(x.result.overall)}
                </Table.Td>
                <Table.Td>
                  <Badge color={VERDICT_COLOR[x.result.verdict]} c={ink(VERDICT_COLOR[x.result.verdict])}>
                    {x.result.verdict}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <VisibilityBadge visibility={x.visibility} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {r.disagreements.length > 0 && (
        <Stack gap={4} mt="sm">
          <Text fz="sm" fw={650}>
            Perception gaps
          </Text>
          {r.disagreements.map((d) => (
            <Text key={d.id} fz="sm">
              {d.text}{' '}
              <Text span c="dimmed" fz="xs">
                ({d.answers.map((a) => `${props.names.name(a.organization)}: ${a.answer}`).join(', ')})
              </Text>
            </Text>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
