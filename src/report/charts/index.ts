/** Chart functions shared by the CLI, the API and the dashboard: (data, options) -> SVG string. */
export { phaseDiagram, type PhaseDiagramData, type PhasePoint } from './phaseDiagram.ts';
export {
  frontierScatter,
  signed,
  type FrontierScatterData,
  type FrontierPoint,
} from './frontierScatter.ts';
export { heatmap, type HeatmapData } from './heatmap.ts';
export { pairChart, type PairChartData, type PairChartPoint } from './pairChart.ts';
export { intervals, type IntervalsData, type IntervalItem } from './intervals.ts';
export { trajectoryChart, type TrajectoryData, type TrajectoryStep } from './trajectory.ts';
export { lineScatter, type LineScatterData, type Series, type XY } from './lineScatter.ts';
export {
  OKABE_ITO,
  PHASE_COLORS,
  THEMES,
  type ChartOptions,
  type ThemeName,
  type LegendItem,
} from './common.ts';
export {
  leaderboardScatter,
  TYPE_COLORS,
  type LeaderboardScatterData,
  type LeaderboardPoint,
} from './leaderboardScatter.ts';
