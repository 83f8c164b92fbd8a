/**
 * Series colours as SVG presentation attributes (allowed under style-src 'self', unlike style
 * attributes), mid-tones readable on the light and the dark theme.
 */
export const SERIES = {
  timeToDetect: '#8e4ec6',
  timeToTriage: '#f76b15',
  timeToContain: '#d9a400',
  timeToRecover: '#30a46c',
  timeToClose: '#5b8fd1',
  ok: '#30a46c',
  unverified: '#d9a400',
  failed: '#e5484d',
  missed: '#8b95a3',
  bar: '#2f6bff',
  rto: '#e5484d',
  grid: '#8b95a3',
} as const;
