package org.gofer; public class Main { public static void main(String[] a){} }
