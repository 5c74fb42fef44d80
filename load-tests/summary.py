"""Prints the request table of a Gatling HTML report (total, ok, ko, req/s, p50, p95, p99, max), and writes the
number of accepted ratings (OK answers of "submit rating") next to it for run.sh's check against PostgreSQL."""
import re
import sys

html = open(sys.argv[1], encoding="utf-8").read()
rows = re.findall(r'class="ellipsed-name">([^<]+)</span>.*?((?:<td class="value[^"]*">[^<]*</td>\s*){13})', html, re.S)
seen = set()
print(f'{"request":28} {"total":>9} {"ok":>9} {"ko":>6} {"req/s":>9} {"p50 ms":>7} {"p95 ms":>7} {"p99 ms":>7} {"max ms":>7}')
accepted = 0
for name, cells in rows:
    if name in seen:
        continue
    seen.add(name)
    v = re.findall(r'>([^<]*)</td>', cells)
    total, ok, ko, _, rps, _, p50, p95, p99, _, mx = v[:11]
    print(f'{name[:28]:28} {total:>9} {ok:>9} {ko:>6} {rps:>9} {p50:>7} {p95:>7} {p99:>7} {mx:>7}')
    if name == "submit rating":
        accepted = int(ok.replace(",", ""))
open(sys.argv[1] + ".accepted", "w").write(str(accepted))
