-- The benchmark's baseline: the cheapest possible EVALSHA round trip.
return 1
