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
const Transactions = lazy(() => import('../features/procurement/TransactionsPage'));
const Containers = lazy(() => import('../features/procurement/ContainersPage'));
const Declarations = lazy(() => import('../features/procurement/DeclarationsPage'));
const DeclarationDetail = lazy(() => import('../features/procurement/DeclarationPage'));
const Trace = lazy(() => import('../features/procurement/TracePage'));
const Fx = lazy(() => import('../features/procurement/FxPage'));
const Vat = lazy(() => import('../features/procurement/VatPage'));
const Catalogue = lazy(() => import('../features/procurement/CataloguePage'));
const PurchaserFiles = lazy(() => import('../features/procurement/PurchaserFilesPage'));
const BadPurchasers = lazy(() => import('../features/procurement/BadPurchasersPage'));
const Inventories = lazy(() => import('../features/ceb/InventoriesPage'));
const Order = lazy(() => import('../features/ceb/OrderPage'));
const Receipts = lazy(() => import('../features/ceb/ReceiptsPage'));
const Submit = lazy(() => import('../features/ceb/SubmitPage'));

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
    path: '/procurement/catalogue',
    page: Catalogue,
    allowed: withPermission('procurement:read'),
    menu: {
      key: '/procurement/catalogue',
      label: 'nav.procCatalogue',
      group: 'group.procurement',
      icon: <ContainerOutlined />,
    },
  },
  {
    path: '/procurement/purchaser-files',
    page: PurchaserFiles,
    allowed: withPermission('procurement:register'),
    menu: {
      key: '/procurement/purchaser-files',
      label: 'nav.procPurchaserFiles',
      group: 'group.procurement',
      icon: <ContainerOutlined />,
    },
  },
  {
    path: '/procurement/bad-purchasers',
    page: BadPurchasers,
    allowed: (me) => isRegulator(me) && can(me, 'procurement:read'),
    menu: {
      key: '/procurement/bad-purchasers',
      label: 'nav.procBadPurchasers',
      group: 'group.procurement',
      icon: <ContainerOutlined />,
    },
  },
  {
    path: '/procurement/transactions',
    page: Transactions,
    allowed: withPermission('procurement:read'),
    menu: {
      key: '/procurement/transactions',
      label: 'nav.procTransactions',
      group: 'group.procurement',
      icon: <ContainerOutlined />,
    },
  },
  {
    path: '/procurement/containers',
    page: Containers,
    allowed: withPermission('procurement:read'),
    menu: {
      key: '/procurement/containers',
      label: 'nav.procContainers',
      group: 'group.procurement',
      icon: <ContainerOutlined />,
    },
  },
  {
    path: '/procurement/declarations',
    page: Declarations,
    allowed: withPermission('procurement:read'),
    menu: {
      key: '/procurement/declarations',
      label: 'nav.procDeclarations',
      group: 'group.procurement',
      icon: <ContainerOutlined />,
    },
  },
  {
    path: '/procurement/declarations/:id',
    page: DeclarationDetail,
    allowed: withPermission('procurement:read'),
  },
  {
    path: '/procurement/trace',
    page: Trace,
    allowed: withPermission('procurement:read'),
    menu: {
      key: '/procurement/trace',
      label: 'nav.procTrace',
      group: 'group.procurement',
      icon: <ContainerOutlined />,
    },
  },
  {
    path: '/procurement/fx',
    page: Fx,
    allowed: withPermission('procurement:read'),
    menu: {
      key: '/procurement/fx',
      label: 'nav.procFx',
      group: 'group.procurement',
      icon: <ContainerOutlined />,
    },
  },
  {
    path: '/procurement/vat',
    page: Vat,
    allowed: withPermission('procurement:read'),
    menu: {
      key: '/procurement/vat',
      label: 'nav.procVat',
      group: 'group.procurement',
      icon: <ContainerOutlined />,
    },
  },
  {
    path: '/ceb/inventories',
    page: Inventories,
    allowed: withPermission('ceb:read'),
    menu: {
      key: '/ceb/inventories',
      label: 'nav.cebInventories',
      group: 'group.ceb',
      icon: <ShoppingCartOutlined />,
    },
  },
  { path: '/ceb/orders/:ebpCode/:orderNo', page: Order, allowed: withPermission('ceb:read') },
  {
    path: '/ceb/receipts',
    page: Receipts,
    allowed: withPermission('ceb:read'),
    menu: {
      key: '/ceb/receipts',
      label: 'nav.cebReceipts',
      group: 'group.ceb',
      icon: <ShoppingCartOutlined />,
    },
  },
  {
    path: '/ceb/submit',
    page: Submit,
    allowed: withPermission('ceb:submit'),
    menu: { key: '/ceb/submit', label: 'nav.cebSubmit', group: 'group.ceb', icon: <ShoppingCartOutlined /> },
  },
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
