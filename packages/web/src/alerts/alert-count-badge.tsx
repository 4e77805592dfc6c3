/** The navigation badge: how many alerts wait for a person (kept small: the layout loads it on every page). */
import { Badge, VisuallyHidden } from '@mantine/core';
import { useAlertSummary } from './alerts-api.ts';

/** The count of open (unacknowledged) alerts next to "Alerts" in the navigation; red when one is critical. */
export function AlertCountBadge(props: { ecosystemId: string }) {
  const s = useAlertSummary(props.ecosystemId).data;
  if (!s || s.open === 0) return null;
  const critical = s.openBySeverity.critical;
  return (
    <Badge
      size="sm"
      circle={s.open < 10}
      variant="filled"
      color={critical ? 'red.8' : 'orange.9'}
      data-testid="alert-count"
      data-count={s.open}
    >
      {s.open > 99 ? '99+' : s.open}
      <VisuallyHidden>
        {' '}
        open alert{s.open === 1 ? '' : 's'}
        {critical ? `, ${critical} critical` : ''}
      </VisuallyHidden>
    </Badge>
  );
}
