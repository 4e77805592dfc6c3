/** The Valueweb look: one theme for every page (Mantine). */
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** The brand blue (indigo family), lightest to darkest. */
const brand: MantineColorsTuple = [
  '#eef2ff',
  '#dde3fb',
  '#b8c4f3',
  '#90a3ec',
  '#6f87e6',
  '#5a75e2',
  '#4e6be1',
  '#3f5bc8',
  '#3551b4',
  '#28459f',
];

const fontFamily =
  "'Inter Variable', Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * Colours Mantine derives that are too light for text (WCAG AA asks 4.5:1):
 * dimmed text is one shade darker than Mantine's default.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636a' },
  dark: {},
});

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand },
  fontFamily,
  fontFamilyMonospace: "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
  headings: { fontFamily, fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'md' } },
    Badge: { defaultProps: { radius: 'sm', variant: 'light' } },
    // Close buttons carry a name screen readers can say (axe: button-name).
    Drawer: {
      defaultProps: {
        position: 'right',
        size: 'lg',
        padding: 'lg',
        closeButtonProps: { 'aria-label': 'Close' },
      },
    },
    Modal: { defaultProps: { centered: true, padding: 'lg', closeButtonProps: { 'aria-label': 'Close' } } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md', highlightOnHover: true } },
    TextInput: { defaultProps: { radius: 'md' } },
  },
});
