import { Spinner } from '../common/Spinner';

export function LoadingScreen() {
  return (
    <div className="center-screen">
      <Spinner label="Opening Firebreak" />
    </div>
  );
}
