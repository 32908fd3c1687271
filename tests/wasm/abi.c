/* Definitions of abi.h: the bodies do not matter, only the signatures. */
#include "abi.h"
#include <string.h>

void fE(struct E a, int b) { (void)a; (void)b; }
int fS1(struct S1 a) { return a.x; }
int fSC(struct SC a) { return a.c; }
int fSA(struct SA a) { return a.c[0]; }
int fSN(struct SN a) { return a.in.a[0].x; }
int fSE(struct SE a) { return (int)a.f; }
int fU1(union U1 a) { return a.x; }
int fU2(union U2 a) { return a.x + 1; }
int fU3(union U3 a) { return a.x + 2; }
int fSF(struct SF a) { return (int)a.x; }
int fSI(struct SI a) { return (int)a.x; }
int fSL(struct SL a) { return (int)a.x; }
int fAl(struct Al a) { return a.c + 3; }
int fP2(struct P2 a) { return a.a + a.b; }
int fBF(struct BF a) { return a.x + 4; }
int fZ0(struct Z0 a) { return a.x + 5; }
int fPK(struct PK a) { return a.c + (int)a.x; }
int fEA(struct EA a) { return (int)a.d; }
int fOut(struct Out a) { return a.i.n + 6; }
enum Big fEB(struct EB a, enum Big b) { return a.b == b ? b : BIG; }
enum Small fSmall(enum Small s) { return s == SMALL_A ? SMALL_B : SMALL_A; }
struct B1 rB1(struct B1 b) { b.b = !b.b; return b; }
struct LL8 rLL8(struct LL8 b) { b.x++; return b; }
int fAnon(struct Anon a) { return a.a + 7; }
int fPad(struct Pad p) { return p.c + 8; }
struct E rE(void) { struct E e = {}; return e; }
struct S1 rS1(void) { struct S1 s = {1}; return s; }
struct SF rSF(void) { struct SF s = {1}; return s; }
struct SI rSI(void) { struct SI s = {2}; return s; }
struct P2 rP2(int x) { struct P2 s = {x, 1}; return s; }
union U1 rU1(void) { union U1 u = {3}; return u; }
union U2 rU2(void) { union U2 u = {4}; return u; }
Complexish rC(Complexish a, Complexish b) { Complexish c = {a.re + b.re, a.im + b.im}; return c; }
long double ld(long double a, int b) { return a * b; }
__int128 i128(__int128 a, int b) { return a * b; }
unsigned __int128 u128(unsigned __int128 a) { return a + 1; }
long long ll(long long a, char c, short s, _Bool b, unsigned char uc) { return a + c + s + b + uc; }
unsigned long long ull(unsigned long ul, long l, uint64_t u64, int64_t i64) { return ul + l + u64 + i64; }
float ff(float f, double d) { return f + (float)d; }
void *ptrs(const char *s, int *p, void (*cb)(int), struct FAM *fam) {
  cb(*p + fam->n);
  return (void *)s;
}
int va(int n, ...) { return n; }
double va_d(const char *fmt, ...) { return (double)strlen(fmt); }
float fAlF(struct AlF a) { return a.f; }
float fPadF(struct PadF a) { return a.f + 1; }
float fU2F(union U2F a) { return a.x; }
float fU1F(union U1F a) { return a.x + 2; }
float fFAMF(struct FAMF a) { return a.n; }
float fOutF(struct OutF a) { return a.i.n + 3; }
float fZF(struct ZF a) { return a.x + 4; }
float fAnonF(struct AnonF a) { return a.a + 5; }
double fSNF(struct SNF a) { return a.in.a[0].d; }
double fPKF(struct PKF a) { return a.x; }
float fTwoF(struct TwoF a) { return a.a[0] + a.a[1]; }
struct AlF rAlF(float f) { struct AlF a = {f}; return a; }
struct ZF rZF(float f) { struct ZF a = {f}; return a; }
struct SNF rSNF(double d) { struct SNF a = {{{{d}}}}; return a; }
union U2F rU2F(float f) { union U2F a = {f}; return a; }
