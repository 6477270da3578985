#include <stdio.h>
#include <string.h>
#include "e2e.h"

int main(void) {
  uint8_t buf[3] = {1, 2, 255};
  int st = do_thing(buf, 3);
  printf("do_thing: %d [%u %u %u]\n", st, buf[0], buf[1], buf[2]);
  printf("do_thing empty: %d\n", do_thing(NULL, 0));
  printf("do_thing null+len: %d\n", do_thing(NULL, 5));

  size_t n = 0;
  st = char_count("h\xc3\xa9llo", &n);
  printf("char_count: %d %zu\n", st, n);
  printf("char_count bad utf8: %d\n", char_count("\xff\xfe", &n));
  printf("char_count null: %d\n", char_count(NULL, &n));
  printf("char_count null out: %d\n", char_count("x", NULL));

  int32_t r = 7;
  st = explode(0, &r);
  printf("explode(0): %d %d\n", st, r);
  r = 7;
  st = explode(1, &r);
  printf("explode(1): %d %d\n", st, r);
  printf("survived\n");

  char *g = greet("ferry");
  printf("greet: %s\n", g ? g : "(null)");
  greet_free(g);
  printf("greet bad: %s\n", greet("\xc3") ? "non-null" : "NULL");

  int64_t v = 0;
  st = parse_num(" 42 ", &v);
  printf("parse_num: %d %lld\n", st, (long long)v);
  printf("parse_num err: %d\n", parse_num("x", &v));

  uint32_t xs[] = {1, 2, 3};
  uint64_t s = 0;
  st = sum(xs, 3, &s);
  printf("sum: %d %llu\n", st, (unsigned long long)s);

  Counter *c = counter_new(10);
  uint64_t cv = 0;
  int st2 = counter_incr(c, &cv);
  printf("counter: %d %llu\n", st2, (unsigned long long)cv);
  printf("counter null: %d\n", counter_incr(NULL, &cv));
  counter_free(c);

  size_t len = 0;
  uint32_t *sq = squares(4, &len);
  printf("squares: %zu [%u %u %u %u]\n", len, sq[0], sq[1], sq[2], sq[3]);
  squares_free(sq, len);

  printf("plain_add: %d\n", plain_add(2, 3));
  printf("status: %d %d %d %d\n", FERRY_OK, FERRY_ERR_NULL, FERRY_ERR_UTF8, FERRY_ERR_PANIC);
  return 0;
}
