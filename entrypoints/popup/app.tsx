import { useEffect } from 'preact/hooks';
import type { PopupDeps } from './models/popup-deps';
import type { Route } from './models/route';
import { Authenticate } from './screens/authenticate';
import { ChangePassword } from './screens/change-password';
import { Devices } from './screens/devices';
import { ForgotPassword } from './screens/forgot-password';
import { Generator } from './screens/generator';
import { Home } from './screens/home';
import { ItemEdit } from './screens/item-edit';
import { ItemView } from './screens/item-view';
import { Kit } from './screens/kit';
import { Loading } from './screens/loading';
import { Reauth } from './screens/reauth';
import { RecoveryKit } from './screens/recovery-kit';
import { RecoveryUse } from './screens/recovery-use';
import { ResetAccount } from './screens/reset-account';
import { Settings } from './screens/settings';
import { SignIn } from './screens/sign-in';
import { SignOut } from './screens/sign-out';
import { SignUp } from './screens/sign-up';
import { Unlock } from './screens/unlock';
import { Welcome } from './screens/welcome';

/** User input that counts as activity for the inactivity lock (reported, throttled, by the app model). */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown'] as const;

export function App({ deps }: { deps: PopupDeps }) {
  const { app } = deps;
  useEffect(() => {
    void app.start();
    const onActivity = () => app.activity();
    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, onActivity, { passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, onActivity);
    };
  }, [app]);

  const route = app.route.value;
  // Keyed by screen: moving to another screen starts it fresh (new model, focus on its heading or first field).
  return (
    <main class="popup" key={route.screen}>
      <ScreenFor route={route} deps={deps} />
    </main>
  );
}

function ScreenFor({ route, deps }: { route: Route; deps: PopupDeps }) {
  switch (route.screen) {
    case 'loading':
      return <Loading deps={deps} />;
    case 'welcome':
      return <Welcome deps={deps} />;
    case 'sign-up':
      return <SignUp deps={deps} />;
    case 'sign-in':
      return <SignIn deps={deps} {...(route.retry ? { retry: route.retry } : {})} />;
    case 'authenticate':
      return <Authenticate deps={deps} />;
    case 'unlock':
      return <Unlock deps={deps} />;
    case 'forgot-password':
      return <ForgotPassword deps={deps} />;
    case 'recovery-use':
      return <RecoveryUse deps={deps} />;
    case 'reset':
      return <ResetAccount deps={deps} from={route.from} />;
    case 'kit':
      return <Kit deps={deps} kit={route.kit} reason={route.reason} />;
    case 'recovery-kit':
      return <RecoveryKit deps={deps} from={route.from} />;
    case 'home':
      return <Home deps={deps} />;
    case 'item':
      return <ItemView key={route.id} deps={deps} id={route.id} />;
    case 'item-edit':
      return <ItemEdit key={route.id} deps={deps} target={{ kind: 'edit', id: route.id }} />;
    case 'item-new':
      return <ItemEdit key={route.type} deps={deps} target={{ kind: 'new', type: route.type }} />;
    case 'generator':
      return <Generator deps={deps} />;
    case 'settings':
      return <Settings deps={deps} flash={route.flash ?? null} />;
    case 'reauth':
      return <Reauth deps={deps} purpose={route.purpose} />;
    case 'change-password':
      return <ChangePassword deps={deps} />;
    case 'devices':
      return <Devices deps={deps} />;
    case 'sign-out':
      return <SignOut deps={deps} />;
  }
}
