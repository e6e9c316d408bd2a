import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

// Only what the reports draw, so the admin bundle carries a fraction of echarts (docs/REPORTS.md).
echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
])

/** The system's CJK font (fonts-wqy-microhei on Linux): echarts draws on canvas with it, offline. */
const FONT = '"Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif'

/**
 * One echarts chart on a canvas. No animation: a printed page or a screenshot shows the final
 * figures, not a frame of a transition.
 */
export function Chart({ option, testId }: { option: echarts.EChartsCoreOption; testId: string }) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  useEffect(() => {
    if (!ref.current) return
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' })
    chart.current = c
    const resize = () => c.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      c.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption(
      { animation: false, textStyle: { fontFamily: FONT }, ...option },
      { notMerge: true },
    )
  }, [option])
  return <div ref={ref} className="report-chart" data-testid={testId} />
}
