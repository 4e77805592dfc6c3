import { Group, Text } from '@mantine/core';

/** The Valueweb mark: three partners joined, and the word. */
export function Logo(props: { size?: number; withText?: boolean; inverted?: boolean }) {
  const s = props.size ?? 28;
  return (
    <Group gap={10} wrap="nowrap">
      <svg width={s} height={s} viewBox="0 0 32 32" aria-hidden focusable="false">
        <rect
          width="32"
          height="32"
          rx="8"
          fill={props.inverted ? '#ffffff' : 'var(--mantine-color-brand-7)'}
        />
        <path
          d="M9 22 16 9l7 13z"
          fill="none"
          stroke={props.inverted ? 'var(--mantine-color-brand-7)' : '#fff'}
          strokeWidth="2"
        />
        <g fill={props.inverted ? 'var(--mantine-color-brand-7)' : '#fff'}>
          <circle cx="16" cy="9" r="3.2" />
          <circle cx="9" cy="22" r="3.2" />
          <circle cx="23" cy="22" r="3.2" />
        </g>
      </svg>
      {props.withText !== false && (
        <Text
          fw={700}
          fz={s * 0.68}
          c={props.inverted ? 'white' : 'dark.8'}
          style={{ letterSpacing: '-0.01em' }}
        >
          Valueweb
        </Text>
      )}
    </Group>
  );
}
