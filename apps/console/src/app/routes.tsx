import {
  AuditOutlined,
  BarChartOutlined,
  ContainerOutlined,
  GlobalOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { MessageKey } from './messages';
import { can, isRegulator, type Me } from './session';

export type PageProps = { params: Record<string, string>; me: Me };
type Page = LazyExoticComponent<ComponentType<PageProps>>;

export type RouteDef = {
  path: string;
  page: Page;
  /** Shown when the user holds this permission (and, if set, is a regulator / an enterprise). */
  allowed: (me: Me) => boolean;
  menu?: { key: string; label: MessageKey; group: MessageKey; icon: ReactNode };
};

const regulatorWith = (permission: string) => (me: Me) => isRegulator(me) && can(me, permission);
const withPermission = (permission: string) => (me: Me) => can(me, permission);

// Each page is its own chunk: pro-components, ECharts and the Excel writer load with the pages that use them.
const Dashboard = lazy(() => import('../features/dashboard/DashboardPage'));
const Parties = lazy(() => import('../features/parties/PartiesPage'));
const Party = lazy(() => import('../features/parties/PartyPage'));
const Evidence = lazy(() => import('../features/evidence/EvidencePage'));

export const GROUPS: Record<string, { icon: ReactNode }> = {
  'group.supervision': { icon: <BarChartOutlined /> },
  'group.registry': { icon: <TeamOutlined /> },
  'group.procurement': { icon: <ContainerOutlined /> },
  'group.ceb': { icon: <ShoppingCartOutlined /> },
  'group.evidence': { icon: <AuditOutlined /> },
  'group.public': { icon: <GlobalOutlined /> },
};

export const ROUTES: RouteDef[] = [
  {
    path: '/dashboard',
    page: Dashboard,
    allowed: regulatorWith('dashboard:read'),
    menu: {
      key: '/dashboard',
      label: 'nav.dashboard',
      group: 'group.supervision',
      icon: <BarChartOutlined />,
    },
  },
  {
    path: '/parties',
    page: Parties,
    allowed: withPermission('parties:read'),
    menu: { key: '/parties', label: 'nav.parties', group: 'group.registry', icon: <TeamOutlined /> },
  },
  { path: '/parties/:id', page: Party, allowed: withPermission('parties:read') },
  {
    path: '/evidence',
    page: Evidence,
    allowed: withPermission('evidence:read'),
    menu: { key: '/evidence', label: 'nav.evidence', group: 'group.evidence', icon: <AuditOutlined /> },
  },
];

/** Where a user lands after signing in: the first page their role may open. */
export function homeOf(me: Me): string {
  return ROUTES.find((r) => r.menu && r.allowed(me))?.path ?? '/public/zones';
}
