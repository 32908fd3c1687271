/* float and double: any number (NaN and the infinities included). */
float fl_half(float x);
double fl_hypot(double x, double y);
