-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "escalatedAt" TIMESTAMP(3);
