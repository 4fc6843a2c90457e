export function App() {
  return (
    <main>
      <h1>Latchkey</h1>
    </main>
  );
}
